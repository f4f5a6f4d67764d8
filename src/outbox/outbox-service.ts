import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { OutboxDispatcher } from './outbox-dispatcher.js';
import type { OutboxMessage, OutboxMessageDetail, OutboxMessageInput } from './outbox-message.js';
import type { OutboxFilter, OutboxStore } from './outbox-store.js';

export interface OutboxPage {
  messages: OutboxMessage[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next: string | null;
}

export interface OutboxServiceDeps {
  store: OutboxStore;
  clock: Clock;
  newMessageId: () => string;
  dispatcher: Pick<OutboxDispatcher, 'notify'>;
}

/** The outbox: messages in (idempotently), their state and attempts out, dead ones back to pending. */
export class OutboxService {
  constructor(private readonly deps: OutboxServiceDeps) {}

  /**
   * Writes the messages whose idempotency key is new, due now, and wakes the dispatcher; returns those
   * that were new (a replayed event or a re-fired timer writes nothing). With the SQLite store the rows
   * are written before this returns its (settled) promise, so it may run inside
   * `SqliteTransactionRunner.run` with other writes: the dispatcher looks only after that commits.
   *
   * @example
   * await transactions.run(async () => {
   *   await timers.claim(timerId);
   *   await outbox.enqueue([{ idempotencyKey: `timer:${timerId}`, decisionId, profileId, campaignId, variantId, kind, channel: 'email', recipient, content }]);
   * });
   */
  async enqueue(inputs: readonly OutboxMessageInput[]): Promise<OutboxMessage[]> {
    const now = new Date(this.deps.clock.now()).toISOString();
    const messages = inputs.map((input): OutboxMessage => ({ id: this.deps.newMessageId(), ...input, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now }));
    const added = await this.deps.store.enqueue(messages);
    if (added.length > 0) this.deps.dispatcher.notify();
    return added;
  }

  async list(filter: OutboxFilter): Promise<OutboxPage> {
    const messages = await this.deps.store.list({ ...filter, limit: filter.limit + 1 });
    const page = messages.slice(0, filter.limit);
    return { messages: page, next: messages.length > filter.limit ? page[page.length - 1]!.id : null };
  }

  async get(id: string): Promise<OutboxMessageDetail> {
    const message = await this.deps.store.get(id);
    if (!message) throw Errors.outboxMessageNotFound(id);
    return message;
  }

  /** A dead message back to pending, due now, with a fresh set of attempts; its history is kept. */
  async retry(id: string): Promise<OutboxMessageDetail> {
    const message = await this.get(id);
    if (!(await this.deps.store.retry(id, new Date(this.deps.clock.now()).toISOString()))) {
      throw Errors.conflict('status', `only a dead message is retried; this one is ${message.status}`);
    }
    this.deps.dispatcher.notify();
    return this.get(id);
  }
}
