import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';

describe('openDatabase', () => {
  it('cuts the WAL file back to its limit once the WAL starts over after a burst', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-open-'));
    const path = join(dir, 'k.db');
    const db = openDatabase({ path, walSizeLimitBytes: 256 * 1024 });
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 1500; i++) insert.run(`k${i}`, 'x'.repeat(2000));
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(3 * 1024 * 1024);
    db.pragma('wal_checkpoint(PASSIVE)'); // copies it all: nothing else writes
    insert.run('after', 'x'); // starts the WAL over and, committing, cuts the file back
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(256 * 1024);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
