import { LRUCache } from 'lru-cache';
import { SESSION_TIMEOUT_MS } from '../../profiles/feature-constants.js';
import type { FtrlLogisticRegression } from './ftrl-logistic-regression.js';

/** Sessions whose examples wait for their outcome, at most; beyond it the quietest is settled as not buying. */
const MAX_PENDING_SESSIONS = 200_000;
/** Predictions kept for progressive validation between checkpoints, at most. */
const MAX_TALLY = 1_000_000;

interface PendingSession {
  sessionId: string;
  lastEventAt: number;
  /**
   * Its examples' slots end to end, in one typed array that doubles as it fills: one array per example
   * put hundreds of thousands of small ArrayBuffers in the heap, and every collection walks those.
   */
  slots: Int32Array;
  /** Where each example ends in `slots`. */
  ends: number[];
}

/** What the learner has done since it was last asked (for progressive validation). */
export interface LearningTally {
  updates: number;
  scores: number[];
  labels: number[];
}

/**
 * Keeps learning from the stream: each scored session event leaves its features here until the
 * session's outcome is known — a purchase (every earlier example is a positive), or the session
 * ending without one (a new session on the channel, or 30 minutes of quiet: negatives). Each example
 * is learned once, with the prediction made just before the update kept for progressive validation.
 */
export class OnlineLearner {
  /**
   * Ordered by last activity. An LRU cache, not a Map re-inserted on every event: the deleted entries
   * of a Map stay at its front until it rehashes, so finding the quietest session walked tens of
   * thousands of them per batch. Past the bound the quietest is evicted, and settled as not buying.
   */
  private readonly pending: LRUCache<string, PendingSession>;
  private tally: LearningTally = { updates: 0, scores: [], labels: [] };

  constructor(
    private model: FtrlLogisticRegression,
    maxPendingSessions = MAX_PENDING_SESSIONS,
  ) {
    this.pending = new LRUCache({
      max: maxPendingSessions,
      disposeAfter: (session, _key, reason) => {
        if (reason === 'evict') this.learn(session, 0);
      },
    });
  }

  /** Learning goes on in the model that was swapped in (its own history is what it was trained on). */
  swapModel(model: FtrlLogisticRegression): void {
    this.model = model;
  }

  /** A scored event of a session that has not bought yet. */
  observe(key: string, sessionId: string, at: number, slots: Int32Array): void {
    let session = this.pending.get(key);
    if (session !== undefined && session.sessionId !== sessionId) {
      this.settle(key, session, 0);
      session = undefined;
    }
    if (session === undefined) this.pending.set(key, (session = { sessionId, lastEventAt: at, slots: new Int32Array(slots.length * 2), ends: [] }));
    session.lastEventAt = Math.max(session.lastEventAt, at);
    const start = session.ends.at(-1) ?? 0;
    if (start + slots.length > session.slots.length) {
      const grown = new Int32Array(Math.max(session.slots.length * 2, start + slots.length));
      grown.set(session.slots.subarray(0, start));
      session.slots = grown;
    }
    session.slots.set(slots, start);
    session.ends.push(start + slots.length);
  }

  /** The session bought: everything it showed before is a positive. */
  purchased(key: string, sessionId: string): void {
    const session = this.pending.get(key);
    if (session?.sessionId === sessionId) this.settle(key, session, 1);
  }

  /** Settles the sessions quiet for longer than the session timeout as not having bought. */
  expire(now: number): void {
    const quiet: Array<[string, PendingSession]> = [];
    for (const [key, session] of this.pending.rentries() as Generator<[string, PendingSession]>) {
      if (now - session.lastEventAt <= SESSION_TIMEOUT_MS) break; // quietest first
      quiet.push([key, session]);
    }
    for (const [key, session] of quiet) this.settle(key, session, 0);
  }

  /** Hands over what was learned since the last call. */
  takeTally(): LearningTally {
    const tally = this.tally;
    this.tally = { updates: 0, scores: [], labels: [] };
    return tally;
  }

  get pendingSessions(): number {
    return this.pending.size;
  }

  private settle(key: string, session: PendingSession, label: 0 | 1): void {
    this.pending.delete(key);
    this.learn(session, label);
  }

  private learn(session: PendingSession, label: 0 | 1): void {
    let start = 0;
    for (const end of session.ends) {
      const score = this.model.update(session.slots.subarray(start, end), label);
      start = end;
      this.tally.updates++;
      if (this.tally.scores.length >= MAX_TALLY) continue;
      this.tally.scores.push(score);
      this.tally.labels.push(label);
    }
  }
}
