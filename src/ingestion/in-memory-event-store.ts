import type { EventStore, HistoryCursor } from './event-store.js';
import type { StoredEvent } from './kairos-event.js';

/**
 * An EventStore in a map, for tests of code that uses the event log. It passes the same contract as
 * the SQLite adapter but has no transactions: a rolled-back unit of work keeps its writes here.
 */
export class InMemoryEventStore implements EventStore {
  /** messageId → event, in the order appended (so also in seq order). */
  private readonly events = new Map<string, StoredEvent>();
  private latestSeq = 0;

  async knownMessageIds(messageIds: string[]): Promise<Set<string>> {
    return new Set(messageIds.filter((id) => this.events.has(id)));
  }

  async append(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      // Like the unique index of the SQLite log: the events before the duplicate stay appended.
      if (this.events.has(event.messageId)) throw new Error(`messageId ${JSON.stringify(event.messageId)} is already in the event log`);
      event.seq = ++this.latestSeq;
      // Copies, so callers cannot change stored events by mutating what they passed or got back.
      this.events.set(event.messageId, structuredClone(event));
    }
  }

  async reassignProfile(fromProfileId: string, toProfileId: string): Promise<void> {
    for (const event of this.events.values()) {
      if (event.profileId === fromProfileId) event.profileId = toProfileId;
    }
  }

  async history(profileId: string, options: { after?: HistoryCursor; limit: number }): Promise<StoredEvent[]> {
    const { after } = options;
    return this.eventsOf(profileId)
      .sort(byTimeThenSeq)
      .filter((event) => !after || event.timestamp > after.timestamp || (event.timestamp === after.timestamp && event.seq > after.seq))
      .slice(0, options.limit)
      .map((event) => structuredClone(event));
  }

  async latest(profileId: string, limit: number): Promise<StoredEvent[]> {
    return this.eventsOf(profileId)
      .sort((a, b) => byTimeThenSeq(b, a))
      .slice(0, limit)
      .map((event) => structuredClone(event));
  }

  async namedSince(profileId: string, names: readonly string[], since: number, limit: number): Promise<StoredEvent[]> {
    const wanted = new Set(names);
    return this.eventsOf(profileId)
      .filter((event) => event.timestamp >= since && event.name !== undefined && wanted.has(event.name))
      .sort((a, b) => byTimeThenSeq(b, a))
      .slice(0, limit)
      .map((event) => structuredClone(event));
  }

  async deleteProfile(profileId: string): Promise<number> {
    let removed = 0;
    for (const [messageId, event] of this.events) {
      if (event.profileId === profileId && this.events.delete(messageId)) removed++;
    }
    return removed;
  }

  async count(): Promise<number> {
    return this.events.size;
  }

  async readAfter(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const page: StoredEvent[] = [];
    for (const event of this.events.values()) {
      if (event.seq <= afterSeq) continue;
      page.push(structuredClone(event));
      if (page.length === limit) break;
    }
    return page;
  }

  async lastSeq(): Promise<number> {
    return this.latestSeq;
  }

  async countsByName(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const event of this.events.values()) {
      const name = event.type === 'track' ? (event.name ?? event.type) : event.type;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  private eventsOf(profileId: string): StoredEvent[] {
    return [...this.events.values()].filter((event) => event.profileId === profileId);
  }
}

function byTimeThenSeq(a: StoredEvent, b: StoredEvent): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}
