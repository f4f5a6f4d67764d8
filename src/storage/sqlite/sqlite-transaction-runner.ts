import type { TransactionRunner } from '../transaction-runner.js';
import type { SqliteDatabase } from './open-database.js';

/**
 * better-sqlite3's own `db.transaction()` only takes synchronous functions; the store interfaces are
 * asynchronous (for the PostgreSQL adapter), so this opens and closes the transaction by hand and
 * queues callers behind each other on the single connection.
 */
export class SqliteTransactionRunner implements TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: SqliteDatabase) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.runNow(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runNow<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = await work();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
