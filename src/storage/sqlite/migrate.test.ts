import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from './migrate.js';
import { initialSchema } from './migrations/0001-initial-schema.js';
import { profileNamesAsLists } from './migrations/0013-profile-names-as-lists.js';
import { profilesSavedThrough } from './migrations/0014-profiles-saved-through.js';
import { migrations } from './migrations/index.js';

describe('runMigrations', () => {
  it('brings a new database to the latest version once', () => {
    const db = new Database(':memory:');
    expect(runMigrations(db)).toBe(migrations.length);
    expect(runMigrations(db)).toBe(0);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(migrations[migrations.length - 1]!.version);
  });

  it('keeps the profiles of a version-1 store when it moves them to a rowid table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.exec(initialSchema.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(initialSchema.name);
    db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, ?, ?, ?)').run('prf_1', 1, 2, '{"id":"prf_1"}');

    expect(runMigrations(db)).toBe(migrations.length - 1);

    expect(db.prepare('SELECT id, created_at, updated_at, state FROM profiles').all()).toEqual([
      { id: 'prf_1', created_at: 1, updated_at: 2, state: '{"id":"prf_1"}' },
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'profiles'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    expect(() => db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, 0, 0, ?)').run('prf_1', '{}')).toThrow(/UNIQUE/);
  });

  it('starts the kept profile count from the profiles a store already holds, then follows inserts and deletes', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.exec(initialSchema.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(initialSchema.name);
    const insert = db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, 0, 0, ?)');
    insert.run('prf_1', '{}');
    insert.run('prf_2', '{}');
    runMigrations(db);
    const kept = () => db.prepare("SELECT n FROM row_counts WHERE name = 'profiles'").pluck().get();
    expect(kept()).toBe(2);
    insert.run('prf_3', '{}');
    db.prepare('DELETE FROM profiles WHERE id = ?').run('prf_1');
    expect(kept()).toBe(2);
    expect(kept()).toBe(db.prepare('SELECT count(*) FROM profiles').pluck().get());
  });

  it('rewrites stored affinities and purchased products as lists, in their stored order, leaving the rest of the state alone', () => {
    const db = new Database(':memory:');
    applyUpTo(db, profileNamesAsLists.version);
    const stateBefore = {
      id: 'prf_1',
      traits: { email: 'sarah@example.com' },
      lifetime: {
        events: 3,
        categoryAffinity: { 'Shoes > Running': { score: 3.25, at: 100 }, Outdoor: { score: 0.5, at: 90 } },
        brandAffinity: { acme: { score: 1.75, at: 100 } },
        purchasedProducts: { 'shoe-1': 100, '42': 80 },
      },
    };
    const insert = db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, 0, 0, ?)');
    insert.run('prf_1', JSON.stringify(stateBefore));
    insert.run('prf_2', JSON.stringify({ id: 'prf_2', lifetime: { events: 0, categoryAffinity: {}, brandAffinity: {} } }));

    expect(runMigrations(db)).toBe(migrations.length - profileNamesAsLists.version + 1);

    const states = (db.prepare('SELECT state FROM profiles ORDER BY id').pluck().all() as string[]).map((state) => JSON.parse(state));
    expect(states[0]).toEqual({
      id: 'prf_1',
      traits: { email: 'sarah@example.com' },
      lifetime: {
        events: 3,
        categoryAffinity: [
          { name: 'Shoes > Running', score: 3.25, at: 100 },
          { name: 'Outdoor', score: 0.5, at: 90 },
        ],
        brandAffinity: [{ name: 'acme', score: 1.75, at: 100 }],
        purchasedProducts: [
          { productId: '42', at: 80 },
          { productId: 'shoe-1', at: 100 },
        ],
      },
    });
    expect(states[1]).toEqual({ id: 'prf_2', lifetime: { events: 0, categoryAffinity: [], brandAffinity: [] } });
  });

  it('marks the saved profile states complete through the whole log of a store that saved them with their events', () => {
    const db = new Database(':memory:');
    applyUpTo(db, profilesSavedThrough.version);
    const event = db.prepare("INSERT INTO events (message_id, profile_id, ts, received_at, type, name, channel, session_id, body) VALUES (?, 'prf_1', 0, 0, 'track', 'x', 'web', 's', '{}')");
    for (const id of ['m1', 'm2', 'm3']) event.run(id);

    expect(runMigrations(db)).toBe(migrations.length - profilesSavedThrough.version + 1);
    expect(db.prepare("SELECT value FROM store_marks WHERE name = 'profiles_saved_through'").pluck().get()).toBe(3);
  });
});

/** Brings a new database to the version before `version`, as a store made by an older Kairos. */
function applyUpTo(db: Database.Database, version: number): void {
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  for (const migration of migrations.filter((candidate) => candidate.version < version)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(migration.version, migration.name);
  }
}
