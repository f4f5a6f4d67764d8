import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../storage/sqlite/open-database.js';

export interface DatabaseAfterBurst {
  path: string;
  db: SqliteDatabase;
  /** Commits one settings row (a write after the burst). */
  write(key: string, value: string): void;
  /** Deletes the database's directory (close `db` first). */
  remove(): void;
}

/** A fresh store in a temp dir whose WAL holds one committed burst of `rows` settings rows of `bytes` each. */
export function databaseAfterBurst(rows: number, bytes: number): DatabaseAfterBurst {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-burst-'));
  const path = join(dir, 'k.db');
  const db = openDatabase({ path });
  const insert = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`k${i}`, 'x'.repeat(bytes));
  })();
  return {
    path,
    db,
    write: (key, value) => void insert.run(key, value),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
