import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { prewarmStore } from './store-prewarm.js';

const PROFILES = 28;

describe('prewarmStore', () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-prewarm-'));
    db = openDatabase({ path: join(dir, 'kairos.db') });
    const profile = db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, 0, 0, ?)');
    const identity = db.prepare("INSERT INTO identities (type, value, profile_id, first_seen_at, source_message_id) VALUES (?, ?, ?, 0, 'm')");
    db.transaction(() => {
      for (let i = 0; i < PROFILES; i++) {
        // Ids out of insertion order, so the id index and the table are walked in different orders.
        const id = `prf_${String((i * 11) % PROFILES).padStart(3, '0')}`;
        profile.run(id, Buffer.from([i]));
        identity.run('anonymousId', `anon-${i}`, id);
        identity.run('userId', `user-${i}`, id);
      }
    })();
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks every row of the identities, the profiles’ id index and the profiles, a chunk at a time', async () => {
    let turns = 0;
    let walking = true;
    const countTurns = (): void => {
      turns++;
      if (walking) setImmediate(countTurns);
    };
    setImmediate(countTurns);
    const report = await prewarmStore(db, { chunkRows: 7 });
    walking = false;
    expect(report.skipped).toBeUndefined();
    expect(report.structures).toEqual([
      { name: 'identities', rows: 2 * PROFILES },
      { name: 'profiles_by_id', rows: PROFILES },
      { name: 'profiles', rows: PROFILES },
    ]);
    // 56 identities and 2 × 28 profile rows in chunks of 7: the event loop turned between them.
    expect(turns).toBeGreaterThanOrEqual(8 + 4 + 4 - 3);
  });

  it('stops between chunks once the store is closing', async () => {
    const closing = new AbortController();
    const walking = prewarmStore(db, { chunkRows: 7, signal: closing.signal });
    closing.abort();
    const report = await walking;
    expect(report.skipped).toBe('the store was closed');
    expect(report.structures).toEqual([{ name: 'identities', rows: 7 }]);
  });

  it('leaves a store larger than the memory it may take, and an in-memory one, as they are', async () => {
    const large = await prewarmStore(db, { maxBytes: 1024 });
    expect(large.skipped).toMatch(/^the store \([\d.]+ MB\) is larger than 0\.0 MB, half the machine's memory$/);
    expect(large.structures).toEqual([]);
    const memory = openDatabase({ path: ':memory:' });
    expect((await prewarmStore(memory)).skipped).toBe('the store is in memory');
    memory.close();
  });
});
