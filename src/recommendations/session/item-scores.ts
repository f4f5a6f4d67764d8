import type { ScoredItem } from './session-next-model.js';
import type { ItemIds } from '../models/item-ids.js';

/** Scores of interned items for one query, with how much evidence (neighbours, rule supports) is behind them. */
export interface ItemScores {
  scores: Map<number, number>;
  evidence: number;
}

/** The `limit` best items, best first; ties go to the smaller id (the item seen first) so results are stable. */
export function topItems(scores: ReadonlyMap<number, number>, limit: number, ids: ItemIds): ScoredItem[] {
  return topIds(scores, limit).map((id) => ({ itemId: ids.idOf(id), score: scores.get(id)! }));
}

export function topIds(scores: ReadonlyMap<number, number>, limit: number): number[] {
  if (limit <= 0) return [];
  const entries = [...scores.entries()].filter(([, score]) => score > 0);
  entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return entries.slice(0, limit).map(([id]) => id);
}

/** The known items of a session's clicks, interned, oldest first; unknown ones are dropped. */
export function knownClicks(clicks: readonly string[], ids: ItemIds): number[] {
  const known: number[] = [];
  for (const click of clicks) {
    const id = ids.find(click);
    if (id !== undefined) known.push(id);
  }
  return known;
}

/** Each distinct item with its last position (0-based) in the clicks. */
export function lastPositions(clicks: readonly number[]): Map<number, number> {
  const positions = new Map<number, number>();
  clicks.forEach((item, position) => positions.set(item, position));
  return positions;
}
