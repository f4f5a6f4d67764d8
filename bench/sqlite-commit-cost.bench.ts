import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeResult } from './bench-support.js';

/**
 * Where a small group commit's time goes in SQLite, on the event-log and profile schema: 200k events
 * over 50k known profiles, in commits of 25 events (what /v1/track at 32 connections groups), with
 * the store's pragmas (WAL, synchronous=NORMAL, secure_delete, no auto-checkpoint). Variants drop one
 * structure at a time, so the cost of each is the difference; the bare append is the baseline.
 *
 *   node --import tsx bench/sqlite-commit-cost.bench.ts [events] [profiles] [eventsPerCommit]
 */
const events = Number(process.argv[2] ?? 200_000);
const profiles = Number(process.argv[3] ?? 50_000);
const perCommit = Number(process.argv[4] ?? 25);
const STATE = JSON.stringify({ features: 'x'.repeat(1100) }); // the measured average profile state is ~1.1 KB
const BODY = JSON.stringify({ properties: { product_id: 'sku-1', category: 'shoes.running', price: 59.9 }, context: { page: { path: '/p/sku-1' } } });

interface Variant {
  name: string;
  messageIdIndex: boolean;
  profileTimeIndex: boolean;
  profiles: 'rowid' | 'without-rowid' | 'none';
}

const variants: Variant[] = [
  { name: 'as stored (rowid profiles, both event indexes)', messageIdIndex: true, profileTimeIndex: true, profiles: 'rowid' },
  { name: 'profiles WITHOUT ROWID (schema before migration 2)', messageIdIndex: true, profileTimeIndex: true, profiles: 'without-rowid' },
  { name: 'no profile writes', messageIdIndex: true, profileTimeIndex: true, profiles: 'none' },
  { name: 'no profile writes, no messageId index', messageIdIndex: false, profileTimeIndex: true, profiles: 'none' },
  { name: 'no profile writes, no (profile, time) index', messageIdIndex: true, profileTimeIndex: false, profiles: 'none' },
  { name: 'bare append (baseline)', messageIdIndex: false, profileTimeIndex: false, profiles: 'none' },
];

const work = mkdtempSync(join(tmpdir(), 'kairos-commit-cost-'));
const results = variants.map((variant, i) => ({ variant: variant.name, ...measure(variant, join(work, `v${i}.db`)) }));
rmSync(work, { recursive: true, force: true });
const baseline = results[results.length - 1]!.eventsPerSecond;
const result = { events, profiles, eventsPerCommit: perCommit, results: results.map((row) => ({ ...row, vsBareAppend: Math.round((row.eventsPerSecond / baseline) * 100) / 100 })) };
writeResult('sqlite-commit-cost', result);
console.log(JSON.stringify(result, null, 2));

function measure(variant: Variant, path: string): { eventsPerSecond: number; microsecondsPerCommit: number } {
  const db = new Database(path);
  for (const pragma of ['journal_mode = WAL', 'synchronous = NORMAL', 'secure_delete = ON', 'wal_autocheckpoint = 0', 'cache_size = -65536']) db.pragma(pragma);
  db.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, message_id TEXT NOT NULL ${variant.messageIdIndex ? 'UNIQUE' : ''}, profile_id TEXT NOT NULL,
    ts INTEGER NOT NULL, received_at INTEGER NOT NULL, type TEXT NOT NULL, name TEXT, channel TEXT NOT NULL, session_id TEXT NOT NULL, body TEXT NOT NULL)`);
  if (variant.profileTimeIndex) db.exec('CREATE INDEX events_by_profile_time ON events (profile_id, ts, seq)');
  db.exec(
    variant.profiles === 'without-rowid'
      ? 'CREATE TABLE profiles (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, state TEXT NOT NULL) WITHOUT ROWID'
      : 'CREATE TABLE profiles (id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, state TEXT NOT NULL)',
  );
  const insertEvent = db.prepare('INSERT INTO events (message_id, profile_id, ts, received_at, type, name, channel, session_id, body) VALUES (?,?,?,?,?,?,?,?,?)');
  const upsertProfile = db.prepare(
    'INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?,?,?,?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, state = excluded.state',
  );
  const profileId = (n: number) => `prf_${String(n).padStart(9, '0')}`;
  db.transaction(() => {
    for (let n = 0; n < profiles; n++) upsertProfile.run(profileId(n), 0, 0, STATE);
  })();

  const started = performance.now();
  let visitor = 0;
  for (let done = 0; done < events; done += perCommit) {
    db.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < perCommit; i++) {
      visitor = (visitor + 7919) % profiles; // returning visitors, spread over the whole profile table
      const now = Date.now();
      insertEvent.run(randomUUID(), profileId(visitor), now, now, 'track', 'Product Viewed', 'web', 's1', BODY);
      if (variant.profiles !== 'none') upsertProfile.run(profileId(visitor), 0, now, STATE);
    }
    db.exec('COMMIT');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { eventsPerSecond: Math.round(events / seconds), microsecondsPerCommit: Math.round((seconds * 1e6) / (events / perCommit)) };
}
