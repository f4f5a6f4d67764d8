import { NeighbourLists } from '../models/neighbour-lists.js';
import { topItems, type ItemScores } from './item-scores.js';
import { SessionIndex } from './session-index.js';
import type { ScoredItem } from './session-next-model.js';
import type { EvidencedSessionNextModel } from './session-next-strategy.js';

export interface SequentialRulesSettings {
  /** A click is a rule's consequent for the clicks at most this many steps before it. */
  steps: number;
  /** Rule weight of a pair `d` steps apart: `div` 1/d, `linear` 1 − (d−1)/10, `same` 1. */
  weighting: 'div' | 'linear' | 'same';
  /** Consequents kept per item (the strongest), so memory stays linear in the items. */
  maxRulesPerItem: number;
}

export const DEFAULT_SEQUENTIAL_RULES: SequentialRulesSettings = { steps: 10, weighting: 'div', maxRulesPerItem: 200 };

/**
 * Sequential rules (SR; Ludewig & Jannach 2018): every click B after a click A in the same session
 * strengthens the rule A → B by a weight that falls with the steps between them; the next item after
 * a session is scored by the rules of its last click. Learned click by click, so it stays current.
 *
 * @example
 * const rules = new SequentialRulesModel();
 * rules.addClick('s1', 'A', 1); rules.addClick('s1', 'B', 2);
 * rules.predictNext(['X', 'A'], 10); // → [{ itemId: 'B', score: 1 }]
 */
export class SequentialRulesModel implements EvidencedSessionNextModel {
  readonly evidenceUnit = 'sessions after the last item';
  readonly settings: SequentialRulesSettings;
  /**
   * Per item, its consequents and their weights: typed arrays rather than a Map per item, whose
   * fractional weights were a boxed number each — millions of objects for the collector to walk.
   */
  private readonly rules: NeighbourLists;
  /** How often each item was directly followed by another click: the evidence behind its rules. */
  private readonly followed: number[] = [];
  /** Per item, how often each other item was the very next click (the strongest kept, as for rules). */
  private readonly successors: NeighbourLists;
  /** The latest item whose successors were read, as a map: the blend asks about many candidates for one last click. */
  private readSuccessors: { item: number; counts: Map<number, number> } | undefined;

  constructor(
    settings: Partial<SequentialRulesSettings> = {},
    readonly index: SessionIndex = new SessionIndex(),
  ) {
    this.settings = { ...DEFAULT_SEQUENTIAL_RULES, ...settings };
    // A list may grow past twice its bound, then keeps the strongest half (as the co-occurrence models do).
    this.rules = new NeighbourLists(2 * this.settings.maxRulesPerItem + 1);
    this.successors = new NeighbourLists(2 * this.settings.maxRulesPerItem + 1);
  }

  addClick(sessionId: string, itemId: string, at: number): void {
    this.learn(this.index.addClick(sessionId, itemId, at));
  }

  /** Adds the rules ending at the session's latest click; for a model sharing an index another model fills. */
  learn(session: number): void {
    const clicks = this.index.clicks(session);
    const last = clicks.length - 1;
    const consequent = clicks[last]!;
    for (let steps = 1; steps <= this.settings.steps && last - steps >= 0; steps++) {
      const antecedent = clicks[last - steps]!;
      if (antecedent === consequent) continue;
      if (steps === 1) this.countSuccessor(antecedent, consequent);
      if (this.rules.add(antecedent, consequent, this.weight(steps)) === this.rules.maxLength) this.rules.keepHeaviest(antecedent, this.settings.maxRulesPerItem);
    }
  }

  predictNext(clicks: readonly string[], limit: number): ScoredItem[] {
    return this.predictWithEvidence(clicks, limit).items;
  }

  predictWithEvidence(clicks: readonly string[], limit: number): { items: ScoredItem[]; evidence: number } {
    const last = clicks.length === 0 ? undefined : this.index.items.find(clicks.at(-1)!);
    if (last === undefined) return { items: [], evidence: 0 };
    const { scores, evidence } = this.score(last);
    return { items: topItems(scores, limit, this.index.items), evidence };
  }

  /** The rules of one item; evidence is how often it was directly followed by another click. */
  score(last: number): ItemScores {
    return { scores: this.rules.toMap(last), evidence: this.followed[last] ?? 0 };
  }

  /**
   * How often `item` was the very click after `last`, over how often `last` was followed at all: the
   * first-order transition probability, which the blend reads beside the rules' many-step scores.
   */
  transitionShare(last: number, item: number): number {
    const followed = this.followed[last] ?? 0;
    if (followed === 0) return 0;
    if (this.readSuccessors?.item !== last) this.readSuccessors = { item: last, counts: this.successors.toMap(last) };
    return (this.readSuccessors.counts.get(item) ?? 0) / followed;
  }

  private countSuccessor(antecedent: number, consequent: number): void {
    this.followed[antecedent] = (this.followed[antecedent] ?? 0) + 1;
    if (this.readSuccessors?.item === antecedent) this.readSuccessors = undefined;
    if (this.successors.add(antecedent, consequent, 1) === this.successors.maxLength) this.successors.keepHeaviest(antecedent, this.settings.maxRulesPerItem);
  }

  private weight(steps: number): number {
    if (this.settings.weighting === 'div') return 1 / steps;
    if (this.settings.weighting === 'linear') return Math.max(0.1, 1 - (steps - 1) / 10);
    return 1;
  }
}
