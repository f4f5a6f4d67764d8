import { lastPositions, type ItemScores } from './item-scores.js';
import { SessionIndex } from './session-index.js';
import { NeighbourhoodModel } from './neighbourhood-model.js';

export interface StanSettings {
  neighbours: number;
  /** Recent sessions sharing an item with the query, among which the neighbours are chosen. */
  sample: number;
  /** λ1: a click `d` steps before the query's last weighs exp(−d/λ1). */
  positionDecay: number;
  /** λ2: a neighbour whose last click is `Δt` before now weighs exp(−Δt/λ2), in the clicks' time unit. */
  recencyDecay: number;
  /** λ3: an item `d` places from the shared item in the neighbour weighs exp(−d/λ3). */
  neighbourPositionDecay: number;
}

export const DEFAULT_STAN: StanSettings = { neighbours: 100, sample: 500, positionDecay: 2, recencyDecay: Number.POSITIVE_INFINITY, neighbourPositionDecay: 2 };

/**
 * STAN (Garg et al., SIGIR 2019, "Sequence and Time Aware Neighborhood for session-based
 * recommendations"): V-SKNN's neighbourhood with three decays — the query's older clicks weigh less
 * (λ1), older neighbour sessions weigh less (λ2), and within a neighbour an item weighs less the
 * farther it is from the most recent item it shares with the query (λ3). Similarity is the decayed
 * overlap over √(|query| · |neighbour|), as in the paper. Data without timestamps passes the order
 * of sessions as `at`, so λ2 then counts sessions.
 */
export class StanModel extends NeighbourhoodModel<StanSettings> {
  constructor(settings: Partial<StanSettings> = {}, index: SessionIndex = new SessionIndex()) {
    super(DEFAULT_STAN, settings, index);
  }

  score(clicks: readonly number[], exclude = -1): ItemScores {
    const { index, settings } = this;
    const positions = lastPositions(clicks);
    const weights = new Map<number, number>();
    for (const [item, position] of positions) weights.set(item, Math.exp(-(clicks.length - 1 - position) / settings.positionDecay));
    const now = index.now;
    const neighbours: { session: number; weight: number; anchor: number }[] = [];
    for (const session of index.recentSessionsWith([...weights.keys()], settings.sample, exclude)) {
      const items = index.clicks(session);
      let overlap = 0;
      let distinct = 0;
      // The anchor is the neighbour's click of the shared item the query clicked last.
      let anchor = -1;
      let anchorPosition = -1;
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        if (items.indexOf(item) !== i) continue;
        distinct++;
        const weight = weights.get(item);
        if (weight === undefined) continue;
        overlap += weight;
        const position = positions.get(item)!;
        if (position > anchorPosition) {
          anchorPosition = position;
          anchor = items.lastIndexOf(item);
        }
      }
      if (overlap === 0) continue;
      const recency = Math.exp(-(now - index.time(session)) / settings.recencyDecay);
      neighbours.push({ session, weight: (overlap / Math.sqrt(positions.size * distinct)) * recency, anchor });
    }
    neighbours.sort((a, b) => b.weight - a.weight || b.session - a.session);
    neighbours.length = Math.min(neighbours.length, settings.neighbours);
    const scores = new Map<number, number>();
    for (const { session, weight, anchor } of neighbours) {
      const items = index.clicks(session);
      // An item clicked several times in the neighbour counts at its click nearest the anchor.
      const best = new Map<number, number>();
      for (let i = 0; i < items.length; i++) {
        const value = weight * Math.exp(-Math.abs(i - anchor) / settings.neighbourPositionDecay);
        const item = items[i]!;
        if (value > (best.get(item) ?? 0)) best.set(item, value);
      }
      for (const [item, value] of best) scores.set(item, (scores.get(item) ?? 0) + value);
    }
    return { scores, evidence: neighbours.length };
  }
}
