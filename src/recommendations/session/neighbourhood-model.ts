import { knownClicks, topItems, type ItemScores } from './item-scores.js';
import type { SessionIndex } from './session-index.js';
import type { ScoredItem } from './session-next-model.js';
import type { EvidencedSessionNextModel } from './session-next-strategy.js';

/**
 * What V-SKNN and STAN share: a session index they learn into, and answers from the item scores of
 * neighbour sessions; each says only how it scores (`score`).
 */
export abstract class NeighbourhoodModel<Settings extends object> implements EvidencedSessionNextModel {
  readonly evidenceUnit = 'similar sessions';
  readonly settings: Settings;

  constructor(
    defaults: Settings,
    settings: Partial<Settings>,
    readonly index: SessionIndex,
  ) {
    this.settings = { ...defaults, ...settings };
  }

  addClick(sessionId: string, itemId: string, at: number): void {
    this.index.addClick(sessionId, itemId, at);
  }

  predictNext(clicks: readonly string[], limit: number): ScoredItem[] {
    return this.predictWithEvidence(clicks, limit).items;
  }

  predictWithEvidence(clicks: readonly string[], limit: number): { items: ScoredItem[]; evidence: number } {
    const { scores, evidence } = this.score(knownClicks(clicks, this.index.items));
    return { items: topItems(scores, limit, this.index.items), evidence };
  }

  /** Item scores for interned clicks; `exclude` leaves the querying session out when it is indexed. */
  abstract score(clicks: readonly number[], exclude?: number): ItemScores;
}
