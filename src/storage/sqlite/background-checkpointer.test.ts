import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpointer } from './background-checkpointer.js';
import { openDatabase } from './open-database.js';

describe('startBackgroundCheckpointer', () => {
  it('copies the WAL into the database file from its own thread, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-ckpt-'));
    const path = join(dir, 'k.db');
    const db = openDatabase({ path });
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'x'.repeat(200));
    })();
    const before = statSync(path).size;
    const errors: string[] = [];
    const checkpointer = startBackgroundCheckpointer(path, (message) => errors.push(message), 50);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await checkpointer.stop();
    await checkpointer.stop(); // idempotent
    expect(errors).toEqual([]);
    expect(statSync(path).size).toBeGreaterThan(before + 200_000);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
