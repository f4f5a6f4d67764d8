import type { OutboxAttempt, OutboxMessage, OutboxMessageDetail, OutboxStatus } from './outbox-message.js';
import type { AttemptResult, OutboxFilter, OutboxStore } from './outbox-store.js';

/** The OutboxStore of unit tests: the contract's behaviour over Maps, with copies in and out. */
export class InMemoryOutboxStore implements OutboxStore {
  private readonly messages = new Map<string, OutboxMessageDetail>();
  private readonly keys = new Set<string>();

  async enqueue(messages: readonly OutboxMessage[]): Promise<OutboxMessage[]> {
    const added: OutboxMessage[] = [];
    for (const message of messages) {
      if (this.keys.has(message.idempotencyKey)) continue;
      this.keys.add(message.idempotencyKey);
      this.messages.set(message.id, { ...structuredClone(message), attemptHistory: [] });
      added.push(structuredClone(message));
    }
    return added;
  }

  async get(id: string): Promise<OutboxMessageDetail | undefined> {
    const message = this.messages.get(id);
    return message && structuredClone(message);
  }

  async list(filter: OutboxFilter): Promise<OutboxMessage[]> {
    return [...this.messages.values()]
      .filter(
        (message) =>
          (filter.status === undefined || message.status === filter.status) &&
          (filter.channel === undefined || message.channel === filter.channel) &&
          (filter.profileId === undefined || message.profileId === filter.profileId) &&
          (filter.campaignId === undefined || message.campaignId === filter.campaignId) &&
          (filter.before === undefined || message.id < filter.before),
      )
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, filter.limit)
      .map(withoutHistory);
  }

  async claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]> {
    const due = [...this.messages.values()]
      .filter((message) => message.status === 'pending' && Date.parse(message.nextAttemptAt) <= now)
      .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
    for (const message of due) message.nextAttemptAt = new Date(leaseUntil).toISOString();
    return due.map(withoutHistory);
  }

  async nextDueAt(): Promise<number | undefined> {
    const times = [...this.messages.values()].filter((message) => message.status === 'pending').map((message) => Date.parse(message.nextAttemptAt));
    return times.length === 0 ? undefined : Math.min(...times);
  }

  async recordAttempt(id: string, attempt: OutboxAttempt, result: AttemptResult): Promise<OutboxMessage | undefined> {
    const message = this.messages.get(id);
    if (!message) return undefined;
    message.attemptHistory.push(structuredClone(attempt));
    message.attempts++;
    message.status = result.status;
    if (attempt.error !== undefined) message.lastError = attempt.error;
    if (result.status === 'pending') message.nextAttemptAt = result.nextAttemptAt;
    if (result.status === 'delivered') message.deliveredAt = result.deliveredAt;
    return withoutHistory(message);
  }

  async retry(id: string, nextAttemptAt: string): Promise<boolean> {
    const message = this.messages.get(id);
    if (message?.status !== 'dead') return false;
    Object.assign(message, { status: 'pending', attempts: 0, nextAttemptAt });
    return true;
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0 };
    for (const message of this.messages.values()) counts[message.status]++;
    return counts;
  }

  async deleteProfile(profileId: string): Promise<number> {
    let deleted = 0;
    for (const [id, message] of this.messages) {
      if (message.profileId !== profileId) continue;
      this.messages.delete(id);
      this.keys.delete(message.idempotencyKey);
      deleted++;
    }
    return deleted;
  }
}

function withoutHistory(message: OutboxMessageDetail): OutboxMessage {
  const { attemptHistory: _history, ...rest } = structuredClone(message);
  return rest;
}
