import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { InMemoryProfileStore } from './in-memory-profile-store.js';
import { emptyProfileState } from './profile-state.js';
import { describeProfileStoreContract } from './profile-store.contract.js';
import { SqliteProfileStore } from './sqlite-profile-store.js';

describeProfileStoreContract('in-memory', () => new InMemoryProfileStore());
describeProfileStoreContract('sqlite', () => new SqliteProfileStore(openDatabase({ path: ':memory:' })));

describe('SqliteProfileStore', () => {
  it("joins the caller's transaction instead of opening its own", async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteProfileStore(db);
    await expect(
      new SqliteTransactionRunner(db).run(async () => {
        await store.save([emptyProfileState('alice', Date.UTC(2024, 2, 10))]);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await store.count()).toBe(0);
  });
});
