import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { SqliteTransactionRunner } from './sqlite-transaction-runner.js';

describe('SqliteTransactionRunner', () => {
  it('commits work that succeeds and rolls back work that throws', async () => {
    const db = openDatabase({ path: ':memory:' });
    const tx = new SqliteTransactionRunner(db);
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    await tx.run(async () => insert.run('kept', '1'));
    await expect(
      tx.run(async () => {
        insert.run('lost', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const keys = db.prepare('SELECT key FROM settings ORDER BY key').pluck().all();
    expect(keys).toEqual(['kept']);
  });

  it('serialises concurrent units of work', async () => {
    const db = openDatabase({ path: ':memory:' });
    const tx = new SqliteTransactionRunner(db);
    const order: string[] = [];
    const slow = tx.run(async () => {
      order.push('a:start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('a:end');
    });
    const fast = tx.run(async () => {
      order.push('b');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['a:start', 'a:end', 'b']);
  });
});
