import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { InMemoryOutboxStore } from './in-memory-outbox-store.js';
import { sampleOutboxMessage } from './outbox-fixtures.js';
import { describeOutboxStoreContract } from './outbox-store.contract.js';
import { SqliteOutboxStore } from './sqlite-outbox-store.js';

describeOutboxStoreContract('in-memory', () => new InMemoryOutboxStore());
describeOutboxStoreContract('sqlite', () => new SqliteOutboxStore(openDatabase({ path: ':memory:' })));

describe('SqliteOutboxStore in a transaction of other writes', () => {
  it('enqueues inside SqliteTransactionRunner.run: committed with the other writes, or rolled back with them', async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteOutboxStore(db);
    const transactions = new SqliteTransactionRunner(db);
    const claimTimer = db.prepare("INSERT INTO settings (key, value) VALUES (?, 'claimed')");

    await transactions.run(async () => {
      claimTimer.run('timer-1');
      await store.enqueue([sampleOutboxMessage('msg_1')]);
    });
    await expect(
      transactions.run(async () => {
        claimTimer.run('timer-2');
        await store.enqueue([sampleOutboxMessage('msg_2')]);
        throw new Error('the trigger failed after enqueueing');
      }),
    ).rejects.toThrow('the trigger failed');

    expect(db.prepare('SELECT key FROM settings').pluck().all()).toEqual(['timer-1']);
    expect(await store.get('msg_1')).toBeDefined();
    expect(await store.get('msg_2')).toBeUndefined();
  });
});
