import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreMaintenance } from '../store-maintenance.js';
import type { SqliteDatabase } from './open-database.js';

/** How long an erasure waits for the WAL to be emptied, and how often it tries meanwhile. */
const PURGE_TIMEOUT_MS = 10_000;
const PURGE_RETRY_MS = 5;

export class SqliteStoreMaintenance implements StoreMaintenance {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * secure_delete (set when the database is opened) zeroes deleted content in the pages it touches;
   * the WAL still holds the pages as they were before the delete, so it is checkpointed into the main
   * file and truncated to zero bytes. A checkpoint that finds another one running (the background
   * checkpointer's) returns busy at once, without waiting, and leaves the WAL as it was: it is tried
   * again until it completes, and an erasure whose WAL cannot be emptied fails rather than claim it.
   */
  async purgeDeletedData(): Promise<void> {
    const started = Date.now();
    for (;;) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (result?.busy === 0) return;
      if (Date.now() - started > PURGE_TIMEOUT_MS) throw new Error(`the WAL could not be checkpointed and emptied within ${PURGE_TIMEOUT_MS} ms`);
      await sleep(PURGE_RETRY_MS);
    }
  }

  sizeBytes(): number {
    if (this.db.memory) return 0;
    let total = 0;
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        total += statSync(this.db.name + suffix).size;
      } catch {
        // The -wal and -shm files exist only while the database is in WAL mode and open.
      }
    }
    return total;
  }
}
