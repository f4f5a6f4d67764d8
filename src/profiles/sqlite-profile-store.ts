import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import { PROBE_ONE_BY_ONE } from '../storage/sqlite/probe-one-by-one.js';
import type { ProfileState } from './profile-state.js';
import type { ProfileStore } from './profile-store.js';

const LOAD_CHUNK = 500;

export class SqliteProfileStore implements ProfileStore {
  private readonly loadOne: Statement;
  private readonly loadChunk: Statement;
  private readonly upsert: Statement;
  private readonly remove: Statement;
  private readonly scanFrom: Statement;
  private readonly counted: Statement;
  private readonly savedThroughMark: Statement;
  private readonly markSaved: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.loadOne = db.prepare('SELECT state FROM profiles WHERE id = ?').pluck();
    this.loadChunk = db.prepare('SELECT state FROM profiles WHERE id IN (SELECT value FROM json_each(?))').pluck();
    this.upsert = db.prepare(
      `INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state`,
    );
    this.remove = db.prepare('DELETE FROM profiles WHERE id = ?');
    this.scanFrom = db.prepare('SELECT state FROM profiles WHERE id > ? ORDER BY id LIMIT ?').pluck();
    this.counted = db.prepare("SELECT n FROM row_counts WHERE name = 'profiles'").pluck();
    this.savedThroughMark = db.prepare("SELECT value FROM store_marks WHERE name = 'profiles_saved_through'").pluck();
    this.markSaved = db.prepare("UPDATE store_marks SET value = ? WHERE name = 'profiles_saved_through'");
  }

  async load(profileIds: string[]): Promise<Map<string, ProfileState>> {
    const found = new Map<string, ProfileState>();
    if (profileIds.length <= PROBE_ONE_BY_ONE) {
      for (const id of profileIds) {
        const raw = this.loadOne.get(id) as string | undefined;
        if (raw !== undefined) found.set(id, JSON.parse(raw) as ProfileState);
      }
      return found;
    }
    for (let start = 0; start < profileIds.length; start += LOAD_CHUNK) {
      for (const raw of this.loadChunk.all(JSON.stringify(profileIds.slice(start, start + LOAD_CHUNK))) as string[]) {
        const state = JSON.parse(raw) as ProfileState;
        found.set(state.id, state);
      }
    }
    return found;
  }

  async save(states: ProfileState[]): Promise<void> {
    for (const state of states) this.upsert.run(state.id, state.createdAt, state.updatedAt, JSON.stringify(state));
  }

  async delete(profileIds: string[]): Promise<void> {
    for (const id of profileIds) this.remove.run(id);
  }

  /** Kept by triggers (migration 0012), so a metrics scrape never walks a million rows. */
  async count(): Promise<number> {
    return this.counted.get() as number;
  }

  async scan(afterId: string | undefined, limit: number): Promise<ProfileState[]> {
    return (this.scanFrom.all(afterId ?? '', limit) as string[]).map((raw) => JSON.parse(raw) as ProfileState);
  }

  async savedThrough(): Promise<number> {
    return this.savedThroughMark.get() as number;
  }

  async markSavedThrough(seq: number): Promise<void> {
    this.markSaved.run(seq);
  }
}
