import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMigrations } from './migrate.js';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Path of the database file, or ':memory:' for tests. */
  path: string;
  /**
   * 'normal' keeps every committed transaction across a crash of the process (kill -9): the WAL is
   * written before COMMIT returns and the OS holds it. 'full' also fsyncs on every commit, so a power
   * cut loses nothing either, at a large cost in throughput.
   */
  synchronous?: 'normal' | 'full';
  readonly?: boolean;
}

/**
 * Opens the embedded store with the settings every adapter relies on and brings the schema up to date.
 * secure_delete is on so that erased rows are overwritten on disk, not left in free pages.
 */
export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    // Checkpoints run in a worker thread (background-checkpointer.ts), not inside our commits.
    db.pragma('wal_autocheckpoint = 0');
    // No limit: the WAL file keeps the largest size a burst gave it (670 MB after seconds of saturating
    // /v1/batch) while SQLite writes it from the top again. With a limit, the first commit after each
    // restart of the WAL cuts the file back, and that ftruncate ran 43-353 ms on the event loop on a
    // disk that discards online. The background checkpointer shrinks the file once writes pause.
    db.pragma('journal_size_limit = -1');
    runMigrations(db);
  }
  db.pragma('cache_size = -65536'); // 64 MiB page cache per connection
  db.pragma('mmap_size = 4294967296');
  db.pragma('temp_store = MEMORY');
  return db;
}
