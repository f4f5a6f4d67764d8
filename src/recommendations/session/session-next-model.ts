/** One scored next item. */
export interface ScoredItem {
  itemId: string;
  score: number;
}

/**
 * A session-based next-item model (V-SKNN, STAN, sequential rules, a blend of them): learns from
 * sessions click by click and predicts what a session clicks next. Sessions may arrive interleaved;
 * the clicks of one session arrive in time order.
 */
export interface SessionNextModel {
  addClick(sessionId: string, itemId: string, at: number): void;
  /** The next items after these clicks (oldest first), best first, at most `limit`. */
  predictNext(clicks: readonly string[], limit: number): ScoredItem[];
}
