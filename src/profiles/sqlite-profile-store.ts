import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import { PROBE_ONE_BY_ONE } from '../storage/sqlite/probe-one-by-one.js';
import type { ProfileState } from './profile-state.js';
import { ProfileStateCodec } from './profile-state-codec.js';
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
  private readonly codec: ProfileStateCodec;

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
    const loadStructures = db.prepare('SELECT structures FROM profile_state_structures WHERE id = 1').pluck();
    const saveStructures = db.prepare(
      `INSERT INTO profile_state_structures (id, count, structures) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET count = excluded.count, structures = excluded.structures`,
    );
    const countStructures = db.prepare('SELECT coalesce((SELECT count FROM profile_state_structures WHERE id = 1), 0)').pluck();
    this.codec = new ProfileStateCodec({
      load: () => {
        const stored = loadStructures.get() as string | undefined;
        return stored === undefined ? undefined : (JSON.parse(stored) as string[][]);
      },
      save: (structures) => void saveStructures.run(structures.length, JSON.stringify(structures)),
      savedCount: () => countStructures.get() as number,
    });
  }

  async load(profileIds: string[]): Promise<Map<string, ProfileState>> {
    const found = new Map<string, ProfileState>();
    if (profileIds.length <= PROBE_ONE_BY_ONE) {
      for (const id of profileIds) {
        const stored = this.loadOne.get(id) as Buffer | string | undefined;
        if (stored !== undefined) found.set(id, this.codec.decode(stored));
      }
      return found;
    }
    for (let start = 0; start < profileIds.length; start += LOAD_CHUNK) {
      for (const stored of this.loadChunk.all(JSON.stringify(profileIds.slice(start, start + LOAD_CHUNK))) as Array<Buffer | string>) {
        const state = this.codec.decode(stored);
        found.set(state.id, state);
      }
    }
    return found;
  }

  async save(states: ProfileState[]): Promise<void> {
    if (states.length === 0) return;
    this.codec.inStepWithStore();
    for (const state of states) this.upsert.run(state.id, state.createdAt, state.updatedAt, this.codec.encode(state));
  }

  async delete(profileIds: string[]): Promise<void> {
    for (const id of profileIds) this.remove.run(id);
  }

  /** Kept by triggers (migration 0012), so a metrics scrape never walks a million rows. */
  async count(): Promise<number> {
    return this.counted.get() as number;
  }

  async scan(afterId: string | undefined, limit: number): Promise<ProfileState[]> {
    return (this.scanFrom.all(afterId ?? '', limit) as Array<Buffer | string>).map((stored) => this.codec.decode(stored));
  }

  async savedThrough(): Promise<number> {
    return this.savedThroughMark.get() as number;
  }

  async markSavedThrough(seq: number): Promise<void> {
    this.markSaved.run(seq);
  }
}
