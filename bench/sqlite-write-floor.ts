import { openDatabase } from '../src/storage/sqlite/open-database.js';
import type { SegmentMessage } from '../src/datasets/segment-message.js';

/**
 * The baseline of the replay benchmark: the same store schema written with plain prepared statements
 * and no Kairos logic — per event one event row (with its indexes) and one identity upsert, and one
 * profile-row upsert of a representative 600-byte document per event — in the same 5,000-event
 * transactions. It is how fast SQLite itself goes on this machine right now; the replay is reported
 * as a ratio to it.
 */
export function measureSqliteWriteFloor(path: string, messages: Iterable<SegmentMessage>, limit: number): { events: number; seconds: number; eventsPerSecond: number } {
  const db = openDatabase({ path });
  const event = db.prepare('INSERT INTO events (message_id, profile_id, ts, received_at, type, name, channel, session_id, body) VALUES (?,?,?,?,?,?,?,?,?)');
  const identity = db.prepare(
    'INSERT INTO identities (type, value, profile_id, first_seen_at, source_message_id, profiles_joined) VALUES (?,?,?,?,?,1) ON CONFLICT DO NOTHING',
  );
  const profile = db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?,?,?,?) ON CONFLICT (id) DO UPDATE SET state = excluded.state');
  const state = 'x'.repeat(600);
  const started = performance.now();
  let count = 0;
  db.exec('BEGIN');
  for (const message of messages) {
    const visitor = String(message.anonymousId ?? message.userId);
    const profileId = `prf_${visitor}`;
    event.run(String(message.messageId), profileId, Date.parse(String(message.timestamp)), 0, String(message.type), String(message.event ?? ''), 'web', 's', JSON.stringify(message));
    identity.run('anonymousId', visitor, profileId, 0, String(message.messageId));
    profile.run(profileId, 0, 0, state);
    if (++count % 5000 === 0) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
    if (count >= limit) break;
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { events: count, seconds, eventsPerSecond: Math.round(count / seconds) };
}
