import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import { PROBE_ONE_BY_ONE } from '../storage/sqlite/probe-one-by-one.js';
import type { EventStore, HistoryCursor } from './event-store.js';
import type { Channel, EventType, KairosEvent, StoredEvent } from './kairos-event.js';

interface EventRow {
  seq: number;
  message_id: string;
  profile_id: string;
  ts: number;
  received_at: number;
  type: EventType;
  name: string | null;
  channel: Channel;
  session_id: string;
  body: string;
}

/** The parts of an event that have no column of their own. */
type EventBody = Omit<KairosEvent, 'messageId' | 'type' | 'name' | 'channel' | 'timestamp' | 'receivedAt'>;

const MESSAGE_ID_CHUNK = 500;

export class SqliteEventStore implements EventStore {
  private readonly insert: Statement;
  private readonly knownChunk: Statement;
  private readonly knownOne: Statement;
  private readonly historyFirst: Statement;
  private readonly historyAfter: Statement;
  private readonly latestStatement: Statement;
  private readonly namedSinceStatement: Statement;
  private readonly afterSeqStatement: Statement;
  private readonly lastSeqStatement: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO events (message_id, profile_id, ts, received_at, type, name, channel, session_id, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.knownChunk = db.prepare('SELECT message_id FROM events WHERE message_id IN (SELECT value FROM json_each(?))').pluck();
    this.knownOne = db.prepare('SELECT 1 FROM events WHERE message_id = ?').pluck();
    this.historyFirst = db.prepare('SELECT * FROM events WHERE profile_id = ? ORDER BY ts, seq LIMIT ?');
    this.historyAfter = db.prepare(
      'SELECT * FROM events WHERE profile_id = ? AND (ts > ? OR (ts = ? AND seq > ?)) ORDER BY ts, seq LIMIT ?',
    );
    this.latestStatement = db.prepare('SELECT * FROM events WHERE profile_id = ? ORDER BY ts DESC, seq DESC LIMIT ?');
    this.afterSeqStatement = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.lastSeqStatement = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck();
    this.namedSinceStatement = db.prepare(
      'SELECT * FROM events WHERE profile_id = ? AND ts >= ? AND name IN (SELECT value FROM json_each(?)) ORDER BY ts DESC, seq DESC LIMIT ?',
    );
  }

  async knownMessageIds(messageIds: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (messageIds.length <= PROBE_ONE_BY_ONE) {
      for (const id of messageIds) if (this.knownOne.get(id) !== undefined) known.add(id);
      return known;
    }
    for (let start = 0; start < messageIds.length; start += MESSAGE_ID_CHUNK) {
      for (const id of this.knownChunk.all(JSON.stringify(messageIds.slice(start, start + MESSAGE_ID_CHUNK))) as string[]) known.add(id);
    }
    return known;
  }

  async append(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      const result = this.insert.run(
        event.messageId,
        event.profileId,
        event.timestamp,
        event.receivedAt,
        event.type,
        event.name ?? null,
        event.channel,
        event.sessionId,
        JSON.stringify(bodyOf(event)),
      );
      event.seq = Number(result.lastInsertRowid);
    }
  }

  async reassignProfile(fromProfileId: string, toProfileId: string): Promise<void> {
    this.db.prepare('UPDATE events SET profile_id = ? WHERE profile_id = ?').run(toProfileId, fromProfileId);
  }

  async history(profileId: string, options: { after?: HistoryCursor; limit: number }): Promise<StoredEvent[]> {
    const rows = options.after
      ? this.historyAfter.all(profileId, options.after.timestamp, options.after.timestamp, options.after.seq, options.limit)
      : this.historyFirst.all(profileId, options.limit);
    return (rows as EventRow[]).map(toEvent);
  }

  async latest(profileId: string, limit: number): Promise<StoredEvent[]> {
    return (this.latestStatement.all(profileId, limit) as EventRow[]).map(toEvent);
  }

  async namedSince(profileId: string, names: readonly string[], since: number, limit: number): Promise<StoredEvent[]> {
    return (this.namedSinceStatement.all(profileId, since, JSON.stringify(names), limit) as EventRow[]).map(toEvent);
  }

  async deleteProfile(profileId: string): Promise<number> {
    return this.db.prepare('DELETE FROM events WHERE profile_id = ?').run(profileId).changes;
  }

  async count(): Promise<number> {
    return this.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  }

  async readAfter(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return (this.afterSeqStatement.all(afterSeq, limit) as EventRow[]).map(toEvent);
  }

  async lastSeq(): Promise<number> {
    return this.lastSeqStatement.get() as number;
  }

  async countsByName(): Promise<Record<string, number>> {
    const rows = this.db.prepare("SELECT coalesce(CASE WHEN type = 'track' THEN name END, type) AS name, count(*) AS n FROM events GROUP BY 1").all() as Array<{
      name: string;
      n: number;
    }>;
    return Object.fromEntries(rows.map((row) => [row.name, row.n]));
  }
}

function bodyOf(event: StoredEvent): Partial<EventBody> {
  const body: Partial<EventBody> = {};
  if (event.userId !== undefined) body.userId = event.userId;
  if (event.anonymousId !== undefined) body.anonymousId = event.anonymousId;
  if (event.previousId !== undefined) body.previousId = event.previousId;
  if (event.groupId !== undefined) body.groupId = event.groupId;
  if (Object.keys(event.properties).length > 0) body.properties = event.properties;
  if (Object.keys(event.traits).length > 0) body.traits = event.traits;
  if (Object.keys(event.context).length > 0) body.context = event.context;
  if (event.sentAt !== undefined) body.sentAt = event.sentAt;
  if (event.originalTimestamp !== undefined) body.originalTimestamp = event.originalTimestamp;
  if (event.storeId !== undefined) body.storeId = event.storeId;
  return body;
}

function toEvent(row: EventRow): StoredEvent {
  const body = JSON.parse(row.body) as Partial<EventBody>;
  const event: StoredEvent = {
    properties: {},
    traits: {},
    context: {},
    ...body,
    seq: row.seq,
    messageId: row.message_id,
    profileId: row.profile_id,
    sessionId: row.session_id,
    type: row.type,
    channel: row.channel,
    timestamp: row.ts,
    receivedAt: row.received_at,
  };
  if (row.name !== null) event.name = row.name;
  return event;
}
