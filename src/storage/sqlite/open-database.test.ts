import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { databaseAfterBurst } from '../../test-support/database-after-burst.js';

describe('openDatabase', () => {
  it('keeps the WAL file at its size when the WAL starts over, so no commit pays for cutting it back', () => {
    const { path, db, write, remove } = databaseAfterBurst(1500, 2000);
    const burst = statSync(`${path}-wal`).size;
    expect(burst).toBeGreaterThan(3 * 1024 * 1024);
    db.pragma('wal_checkpoint(PASSIVE)'); // copies it all: nothing else writes
    write('after', 'x'); // starts the WAL over from the top of the file
    expect(statSync(`${path}-wal`).size).toBe(burst);
    db.close();
    remove();
  });
});
