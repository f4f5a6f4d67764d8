import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { describeIdentityStoreContract } from './identity-store.contract.js';
import { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { SqliteIdentityStore } from './sqlite-identity-store.js';

describeIdentityStoreContract('in-memory', () => new InMemoryIdentityStore());
describeIdentityStoreContract('sqlite', () => new SqliteIdentityStore(openDatabase({ path: ':memory:' })));

describe('SqliteIdentityStore', () => {
  it("joins the caller's transaction instead of opening its own", async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteIdentityStore(db);
    const at = Date.UTC(2024, 2, 10);
    await expect(
      new SqliteTransactionRunner(db).run(async () => {
        await store.save([{ type: 'email', value: 'sarah@example.com', profileId: 'p1', firstSeenAt: at, sourceMessageId: 'm1', profilesJoined: 1 }]);
        await store.recordMerges([{ survivorId: 'p1', mergedId: 'p2', identifierType: 'email', identifierValue: 'sarah@example.com', messageId: 'm1', at }]);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await store.lookup(['email:sarah@example.com'])).toEqual(new Map());
    expect(await store.mergesOf('p1')).toEqual([]);
  });
});
