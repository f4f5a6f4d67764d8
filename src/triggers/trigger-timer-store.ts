import type { TimerKind, TriggerTimer } from './trigger-timer.js';

/**
 * Durable timers of dwell, cart-abandonment and local-time triggers. A timer is claimed once
 * (`claim` turns a pending timer into a fired one and says whether it did): the claim and the outbox
 * message it produces are written in one transaction, so a timer fires exactly once across restarts.
 * The SQLite adapter writes synchronously within the call, so it joins a transaction the caller opened.
 */
export interface TriggerTimerStore {
  /** Schedules the timer; a timer with the same key moves to the new time and is pending again. */
  reschedule(timer: TriggerTimer): Promise<void>;
  /** Schedules the timer unless one with the same key exists, pending or spent. */
  scheduleOnce(timer: TriggerTimer): Promise<void>;
  /** Cancels the profile's pending timers of a kind; returns how many. */
  cancel(profileId: string, kind: TimerKind): Promise<number>;
  /** Pending timers due at `now`, earliest first. */
  due(now: number, limit: number): Promise<TriggerTimer[]>;
  /** Marks a pending timer fired; false when it was not pending (fired already, cancelled, unknown). */
  claim(key: string): Promise<boolean>;
  /** When the next pending timer is due. */
  nextDueAt(): Promise<number | undefined>;
  /** The status of a timer, for tests and support. */
  status(key: string): Promise<'pending' | 'fired' | 'cancelled' | undefined>;
}
