import { SESSION_TIMEOUT_MS } from '../../profiles/feature-constants.js';
import type { FtrlLogisticRegression } from './ftrl-logistic-regression.js';

/** Sessions whose examples wait for their outcome, at most; beyond it the quietest is settled as not buying. */
const MAX_PENDING_SESSIONS = 200_000;
/** Predictions kept for progressive validation between checkpoints, at most. */
const MAX_TALLY = 1_000_000;

interface PendingSession {
  sessionId: string;
  lastEventAt: number;
  examples: Int32Array[];
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
  private readonly pending = new Map<string, PendingSession>();
  private tally: LearningTally = { updates: 0, scores: [], labels: [] };

  constructor(private model: FtrlLogisticRegression) {}

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
    if (session === undefined) {
      if (this.pending.size >= MAX_PENDING_SESSIONS) this.settleQuietest();
      session = { sessionId, lastEventAt: at, examples: [] };
    } else this.pending.delete(key); // re-inserted below: the map stays ordered by last activity
    session.lastEventAt = Math.max(session.lastEventAt, at);
    session.examples.push(slots);
    this.pending.set(key, session);
  }

  /** The session bought: everything it showed before is a positive. */
  purchased(key: string, sessionId: string): void {
    const session = this.pending.get(key);
    if (session?.sessionId === sessionId) this.settle(key, session, 1);
  }

  /** Settles the sessions quiet for longer than the session timeout as not having bought. */
  expire(now: number): void {
    for (const [key, session] of this.pending) {
      if (now - session.lastEventAt <= SESSION_TIMEOUT_MS) break; // ordered by last activity
      this.settle(key, session, 0);
    }
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

  private settleQuietest(): void {
    const [key, session] = this.pending.entries().next().value as [string, PendingSession];
    this.settle(key, session, 0);
  }

  private settle(key: string, session: PendingSession, label: 0 | 1): void {
    this.pending.delete(key);
    for (const slots of session.examples) {
      const score = this.model.update(slots, label);
      this.tally.updates++;
      if (this.tally.scores.length >= MAX_TALLY) continue;
      this.tally.scores.push(score);
      this.tally.labels.push(label);
    }
  }
}
