import type { DeliveryChannelName, OutboxAttempt, OutboxMessage, OutboxMessageDetail, OutboxStatus } from './outbox-message.js';

export interface OutboxFilter {
  status?: OutboxStatus;
  channel?: DeliveryChannelName;
  profileId?: string;
  campaignId?: string;
  limit: number;
  /** Only messages older than this id (the `next` of the previous page). */
  before?: string;
}

/** What an attempt did to its message. */
export type AttemptResult = { status: 'delivered'; deliveredAt: string } | { status: 'pending'; nextAttemptAt: string } | { status: 'dead' };

/**
 * Where messages wait to be sent. Asynchronous for the PostgreSQL adapter; the SQLite adapter does its
 * writes synchronously inside each call (the promise it returns is already settled), so a caller can
 * write to it inside `SqliteTransactionRunner.run` together with other stores on the same connection.
 */
export interface OutboxStore {
  /** Stores the messages whose idempotency key is new and returns them; the others are ignored. */
  enqueue(messages: readonly OutboxMessage[]): Promise<OutboxMessage[]>;
  get(id: string): Promise<OutboxMessageDetail | undefined>;
  /** Newest first, one page. */
  list(filter: OutboxFilter): Promise<OutboxMessage[]>;
  /**
   * Takes up to `limit` pending messages due at `now` (oldest due first) and moves their next attempt
   * to `leaseUntil`, so they are not claimed twice while they are sent, and are sent again after the
   * lease if the process died meanwhile. Times in epoch milliseconds.
   */
  claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]>;
  /** When the earliest pending message is due (epoch ms); undefined when none is pending. */
  nextDueAt(): Promise<number | undefined>;
  /** Appends the attempt to the message's history and applies its result; undefined when there is no such message. */
  recordAttempt(id: string, attempt: OutboxAttempt, result: AttemptResult): Promise<OutboxMessage | undefined>;
  /** A dead message back to pending with its attempt counter at 0 (its history kept); false when it is not dead. */
  retry(id: string, nextAttemptAt: string): Promise<boolean>;
  countByStatus(): Promise<Record<OutboxStatus, number>>;
  /** Erasure: removes every message of the profile with its attempts (they hold addresses and content); returns how many. */
  deleteProfile(profileId: string): Promise<number>;
}
