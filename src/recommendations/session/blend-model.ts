import { DEFAULT_FTRL, FtrlLogisticRegression, type FtrlSettings } from '../../models/epp/ftrl-logistic-regression.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { candidateSlots, type ModelView } from './candidate-features.js';
import { knownClicks, lastPositions, topIds, topItems, type ItemScores } from './item-scores.js';
import { SequentialRulesModel, type SequentialRulesSettings } from './sequential-rules-model.js';
import { SessionIndex, type SessionIndexLimits } from './session-index.js';
import type { ScoredItem } from './session-next-model.js';
import type { EvidencedSessionNextModel } from './session-next-strategy.js';
import { StanModel, type StanSettings } from './stan-model.js';
import { VsknnModel, type VsknnSettings } from './vsknn-model.js';

export interface BlendSettings {
  vsknn: Partial<VsknnSettings>;
  stan: Partial<StanSettings>;
  rules: Partial<SequentialRulesSettings>;
  index: Partial<SessionIndexLimits>;
  /** Candidates taken from each model's list. */
  candidatesPerModel: number;
  /** The most recent sessions whose clicks count as an item's recent popularity. */
  recentWindow: number;
  /** Share of incoming clicks the re-ranker learns from (each costs one prediction). */
  learningShare: number;
  ftrl: FtrlSettings;
  seed: number;
}

export const DEFAULT_BLEND: BlendSettings = {
  vsknn: {},
  stan: {},
  rules: {},
  index: {},
  candidatesPerModel: 50,
  recentWindow: 5_000,
  learningShare: 0.6,
  ftrl: { ...DEFAULT_FTRL, alpha: 0.2, l1: 0.1 },
  seed: 1,
};

/**
 * A learned re-ranker over V-SKNN, STAN and sequential rules sharing one session index: the union of
 * their top candidates is scored by a logistic regression over each model's rank and relative
 * score (the rules asked twice: for the last click and the one before it), whether, how recently and how often
 * the session clicked the item, its popularity overall and in the most recent sessions, how often it
 * directly followed the last click and how much the rules know about that click. The regression learns online from the stream itself: for a sampled share
 * of incoming clicks it first ranks the session's earlier clicks' candidates (leaving the session out
 * of its own neighbours) and learns which one was clicked, so it needs no separate training run and
 * keeps adapting as the models do.
 */
export class BlendModel implements EvidencedSessionNextModel {
  readonly evidenceUnit = 'similar sessions';
  readonly settings: BlendSettings;
  readonly index: SessionIndex;
  private readonly vsknn: VsknnModel;
  private readonly stan: StanModel;
  private readonly rules: SequentialRulesModel;
  private readonly ranker: FtrlLogisticRegression;
  private readonly random: () => number;

  constructor(settings: Partial<BlendSettings> = {}) {
    this.settings = { ...DEFAULT_BLEND, ...settings };
    this.index = new SessionIndex(this.settings.index);
    this.vsknn = new VsknnModel(this.settings.vsknn, this.index);
    this.stan = new StanModel(this.settings.stan, this.index);
    this.rules = new SequentialRulesModel(this.settings.rules, this.index);
    this.ranker = new FtrlLogisticRegression(this.settings.ftrl);
    this.random = seededRandom(this.settings.seed);
  }

  addClick(sessionId: string, itemId: string, at: number): void {
    // Learning comes before the index and the rules take this click in, so the candidates' features
    // (popularity, the rules, the transition share) are what a prediction just before it would have seen.
    const before = this.index.liveSession(sessionId);
    if (before !== undefined && this.random() < this.settings.learningShare) {
      const next = this.index.items.find(itemId);
      if (next !== undefined) this.learn([...this.index.clicks(before)], next, before);
    }
    this.rules.learn(this.index.addClick(sessionId, itemId, at));
  }

  predictNext(clicks: readonly string[], limit: number): ScoredItem[] {
    return this.predictWithEvidence(clicks, limit).items;
  }

  predictWithEvidence(clicks: readonly string[], limit: number): { items: ScoredItem[]; evidence: number } {
    const known = knownClicks(clicks, this.index.items);
    if (known.length === 0) return { items: [], evidence: 0 };
    const { candidates, evidence } = this.candidates(known, -1);
    const scores = new Map<number, number>();
    for (const [item, slots] of candidates) scores.set(item, this.ranker.predict(slots));
    return { items: topItems(scores, limit, this.index.items), evidence };
  }

  private learn(prefix: number[], next: number, session: number): void {
    for (const [item, slots] of this.candidates(prefix, session).candidates) this.ranker.update(slots, item === next ? 1 : 0);
  }

  /** Each candidate's feature slots; evidence is the larger neighbourhood's size. */
  private candidates(clicks: readonly number[], exclude: number): { candidates: Map<number, number[]>; evidence: number } {
    const perModel = this.settings.candidatesPerModel;
    const last = clicks.at(-1)!;
    const lists: Record<string, ItemScores> = {
      vsknn: this.vsknn.score(clicks, exclude),
      stan: this.stan.score(clicks, exclude),
      rules: this.rules.score(last),
      // The click before the last often still says where the session goes (a detour, a comparison).
      rulesBefore: clicks.length > 1 ? this.rules.score(clicks.at(-2)!) : { scores: new Map(), evidence: 0 },
    };
    const views: Record<string, Map<number, ModelView>> = {};
    const pool = new Set<number>();
    for (const [model, { scores, evidence }] of Object.entries(lists)) {
      const top = topIds(scores, perModel);
      const best = top.length === 0 ? 1 : scores.get(top[0]!)!;
      views[model] = new Map(top.map((item, rank) => [item, { rank: rank + 1, relativeScore: scores.get(item)! / best, evidence }]));
      for (const item of top) pool.add(item);
    }
    const positions = lastPositions(clicks);
    const times = new Map<number, number>();
    for (const click of clicks) times.set(click, (times.get(click) ?? 0) + 1);
    const candidates = new Map<number, number[]>();
    for (const item of pool) {
      const position = positions.get(item);
      candidates.set(
        item,
        candidateSlots({
          views: Object.fromEntries(Object.entries(views).map(([model, view]) => [model, view.get(item) ?? { rank: 0, relativeScore: 0, evidence: lists[model]!.evidence }])),
          stepsSinceClicked: position === undefined ? -1 : clicks.length - 1 - position,
          timesClicked: times.get(item) ?? 0,
          popularity: this.index.sessionsWith(item),
          recentPopularity: this.index.recentSessionsWithItem(item, this.settings.recentWindow),
          transitionShare: this.rules.transitionShare(last, item),
          sessionLength: clicks.length,
        }),
      );
    }
    return { candidates, evidence: Math.max(lists.vsknn!.evidence, lists.stan!.evidence) };
  }
}
