import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpointer } from './background-checkpointer.js';
import { openDatabase } from './open-database.js';
import { SqliteStoreMaintenance } from './sqlite-store-maintenance.js';

describe('SqliteStoreMaintenance', () => {
  it('empties the WAL even while the background checkpointer is in the middle of a pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-purge-'));
    const path = join(dir, 'k.db');
    const db = openDatabase({ path });
    const checkpointer = startBackgroundCheckpointer(path, () => undefined, { intervalMs: 1 });
    const insert = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    const maintenance = new SqliteStoreMaintenance(db);
    for (let round = 0; round < 5; round++) {
      // A WAL of many distinct pages: the checkpointer, waking every ms, is copying it when the purge comes.
      db.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run(`r${round}-${i}`, 'x'.repeat(1500));
      })();
      await new Promise((resolve) => setTimeout(resolve, 2));
      await maintenance.purgeDeletedData();
      expect(statSync(`${path}-wal`).size).toBe(0);
    }
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
