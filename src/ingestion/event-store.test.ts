import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import type { StoredEvent } from './kairos-event.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describeEventStoreContract('in-memory', () => new InMemoryEventStore());
describeEventStoreContract('sqlite', () => new SqliteEventStore(openDatabase({ path: ':memory:' })));

describe('SqliteEventStore', () => {
  it("joins the caller's transaction instead of opening its own", async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteEventStore(db);
    const event: StoredEvent = {
      messageId: 'm1',
      type: 'track',
      name: 'Product Viewed',
      properties: {},
      traits: {},
      context: {},
      timestamp: Date.UTC(2024, 2, 10),
      receivedAt: Date.UTC(2024, 2, 10),
      channel: 'web',
      seq: 0,
      profileId: 'p1',
      sessionId: 's1',
    };
    await expect(
      new SqliteTransactionRunner(db).run(async () => {
        await store.append([event]);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await store.count()).toBe(0);
    expect(await store.knownMessageIds(['m1'])).toEqual(new Set());
  });
});
