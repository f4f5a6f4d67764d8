import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';

describe('openDatabase', () => {
  it('keeps the WAL file at its size when the WAL starts over, so no commit pays for cutting it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-open-'));
    const path = join(dir, 'k.db');
    const db = openDatabase({ path });
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) insert.run(`k${i}`, 'x'.repeat(2000));
    })();
    const burst = statSync(`${path}-wal`).size;
    expect(burst).toBeGreaterThan(3 * 1024 * 1024);
    db.pragma('wal_checkpoint(PASSIVE)'); // copies it all: nothing else writes
    insert.run('after', 'x'); // starts the WAL over from the top of the file
    expect(statSync(`${path}-wal`).size).toBe(burst);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
