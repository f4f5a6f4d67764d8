import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { databaseAfterBurst } from '../../test-support/database-after-burst.js';
import { startBackgroundCheckpointer } from './background-checkpointer.js';
import { openDatabase } from './open-database.js';

/** This process's threads at the lowest priority (nice 19), from /proc. */
function lowestPriorityThreads(): number {
  return readdirSync('/proc/self/task').filter((thread) => {
    const fields = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return fields[16] === '19'; // the 19th field of stat, counted after pid and comm
  }).length;
}

describe('startBackgroundCheckpointer', () => {
  it.runIf(process.platform === 'linux')('runs at the lowest priority, so the event loop keeps its core', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-ckpt-'));
    const path = join(dir, 'k.db');
    openDatabase({ path }).close();
    const before = lowestPriorityThreads();
    const checkpointer = startBackgroundCheckpointer(path, () => undefined, { intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lowestPriorityThreads()).toBe(before + 1);
    await checkpointer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the WAL into the database file from its own thread, and stops cleanly', async () => {
    const { path, db, remove } = databaseAfterBurst(2000, 200);
    const before = statSync(path).size;
    const errors: string[] = [];
    const checkpointer = startBackgroundCheckpointer(path, (message) => errors.push(message), { intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await checkpointer.stop();
    await checkpointer.stop(); // idempotent
    expect(errors).toEqual([]);
    expect(statSync(path).size).toBeGreaterThan(before + 200_000);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    remove();
  });

  it('shrinks a large WAL file once writes pause, never while they go on', async () => {
    const { path, db, write, remove } = databaseAfterBurst(1500, 2000);
    const burst = statSync(`${path}-wal`).size;
    const errors: string[] = [];
    const checkpointer = startBackgroundCheckpointer(path, (message) => errors.push(message), { intervalMs: 100, shrinkAboveBytes: 256 * 1024 });
    // Commits one after another for 600 ms: every checkpoint sees a commit since the one before (a
    // shrink would need this thread kept off its core for two whole intervals).
    let smallest = burst;
    for (const until = Date.now() + 600; Date.now() < until; ) {
      write('busy', String(Date.now()));
      smallest = Math.min(smallest, statSync(`${path}-wal`).size);
    }
    expect(smallest).toBe(burst);
    await vi.waitFor(() => expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(256 * 1024), { timeout: 5000, interval: 20 });
    write('after', 'x'); // the store still writes after the shrink
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get('after')).toBe('x');
    await checkpointer.stop();
    expect(errors).toEqual([]);
    db.close();
    remove();
  });
});
