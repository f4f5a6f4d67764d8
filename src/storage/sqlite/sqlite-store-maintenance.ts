import { statSync } from 'node:fs';
import type { StoreMaintenance } from '../store-maintenance.js';
import type { SqliteDatabase } from './open-database.js';

export class SqliteStoreMaintenance implements StoreMaintenance {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * secure_delete (set when the database is opened) zeroes deleted content in the pages it touches;
   * the WAL still holds the pages as they were before the delete, so it is checkpointed into the main
   * file and truncated to zero bytes.
   */
  async purgeDeletedData(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
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
