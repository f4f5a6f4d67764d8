import { lastPositions, type ItemScores } from './item-scores.js';
import { SessionIndex } from './session-index.js';
import { NeighbourhoodModel } from './neighbourhood-model.js';

export interface VsknnSettings {
  /** Neighbours whose items are scored. */
  neighbours: number;
  /** Recent sessions sharing an item with the query, among which the neighbours are chosen. */
  sample: number;
  /** Weight of the click `d` steps before the last (d = 0 for the last): `linear` 1 − d/10 (floored at 0.1), `div` 1/(d+1). */
  decay: 'linear' | 'div';
  /** Weigh shared items by log(sessions / sessions with the item), so a shared rare item counts more than a shared hit. */
  idf: boolean;
}

export const DEFAULT_VSKNN: VsknnSettings = { neighbours: 100, sample: 500, decay: 'div', idf: true };

/**
 * V-SKNN (Ludewig & Jannach 2018, "Evaluation of session-based recommendation algorithms"): the
 * query session is a vector whose recent clicks weigh more; a neighbour's similarity is the weight of
 * the items it shares with that vector (IDF-weighted if asked); each item scores the summed
 * similarity of the `neighbours` most similar sessions among the `sample` most recent sharing an item.
 *
 * @example
 * const model = new VsknnModel();
 * model.addClick('s1', 'A', 1); model.addClick('s1', 'B', 2);
 * model.predictNext(['A'], 20); // → [{ itemId: 'B', … }, { itemId: 'A', … }]
 */
export class VsknnModel extends NeighbourhoodModel<VsknnSettings> {
  constructor(settings: Partial<VsknnSettings> = {}, index: SessionIndex = new SessionIndex()) {
    super(DEFAULT_VSKNN, settings, index);
  }

  score(clicks: readonly number[], exclude = -1): ItemScores {
    const { index, settings } = this;
    const weights = new Map<number, number>();
    const sessions = Math.max(1, index.liveSessions);
    for (const [item, position] of lastPositions(clicks)) {
      const decay = decayWeight(settings.decay, clicks.length - 1 - position);
      weights.set(item, settings.idf ? decay * Math.log(sessions / Math.max(1, index.sessionsWith(item))) : decay);
    }
    const candidates = index.recentSessionsWith([...weights.keys()], settings.sample, exclude);
    const similar = candidates.map((session) => ({ session, similarity: sharedWeight(index.clicks(session), weights) }));
    similar.sort((a, b) => b.similarity - a.similarity || b.session - a.session);
    const neighbours = similar.slice(0, settings.neighbours).filter((neighbour) => neighbour.similarity > 0);
    const scores = new Map<number, number>();
    for (const { session, similarity } of neighbours) {
      const items = index.clicks(session);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (items.indexOf(item) === i) scores.set(item, (scores.get(item) ?? 0) + similarity);
      }
    }
    return { scores, evidence: neighbours.length };
  }
}

function decayWeight(decay: VsknnSettings['decay'], stepsBack: number): number {
  return decay === 'div' ? 1 / (stepsBack + 1) : Math.max(0.1, 1 - stepsBack / 10);
}

/** The sum of the query weights of the distinct items a neighbour holds. */
function sharedWeight(items: readonly number[], weights: ReadonlyMap<number, number>): number {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const weight = weights.get(items[i]!);
    if (weight !== undefined && items.indexOf(items[i]!) === i) total += weight;
  }
  return total;
}
