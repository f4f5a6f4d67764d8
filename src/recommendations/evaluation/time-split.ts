import type { Interaction } from '../interaction.js';
import { prefixQueries } from './prefix-queries.js';
import type { EvaluationSplit } from './recs-evaluation.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The earliest share of event times left out of the default range. */
const STRAY_SHARE = 0.001;

/**
 * A clickstream's next-item evaluation split by time, as the session-based literature splits its
 * clickstreams: sessions starting in the last `testDays` days (default: the last seventh of the time
 * range, which starts at the 0.1% quantile of event times so that a few stray early rows — the Taobao
 * extract has one from two months before the rest — do not stretch it) are the test, earlier ones the training. A test session's clicks (views and cart adds) keep
 * only items seen in training, and sessions left with at least two clicks give every prefix → next
 * click as a query. Throws a RangeError when either side ends up empty.
 */
export function timeSplit(dataset: string, interactions: readonly Interaction[], testDays?: number): EvaluationSplit {
  if (interactions.length === 0) throw new RangeError('holds no product interaction to evaluate on');
  const starts = new Map<string, number>();
  for (const { sessionId, at } of interactions) if (!starts.has(sessionId)) starts.set(sessionId, at);
  const times = interactions.map((interaction) => interaction.at).sort((a, b) => a - b);
  const first = times[Math.floor(times.length * STRAY_SHARE)]!;
  const last = times[times.length - 1]!;
  const cut = testDays === undefined ? last - (last - first) / 7 : last - testDays * DAY_MS;
  const training = interactions.filter((interaction) => starts.get(interaction.sessionId)! < cut);
  const known = new Set(training.map((interaction) => interaction.itemId));
  const testClicks = new Map<string, string[]>();
  for (const interaction of interactions) {
    if (starts.get(interaction.sessionId)! < cut || interaction.kind === 'purchase' || !known.has(interaction.itemId)) continue;
    const clicks = testClicks.get(interaction.sessionId) ?? [];
    clicks.push(interaction.itemId);
    testClicks.set(interaction.sessionId, clicks);
  }
  const queries = [...testClicks.values()].flatMap((clicks) => prefixQueries(clicks, cut));
  if (training.length === 0 || queries.length === 0) {
    throw new RangeError(`splitting at ${new Date(cut).toISOString()} leaves ${training.length === 0 ? 'no training session' : 'no test session of 2 or more clicks on items seen in training'}; try another --test-days`);
  }
  return {
    dataset,
    split: `sessions starting before ${new Date(cut).toISOString()} trained, every prefix of the ${testClicks.size.toLocaleString('en-US')} later sessions tested (items seen in training)`,
    training,
    queries,
  };
}
