import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { OutboxAttempt, OutboxMessage, OutboxMessageDetail, OutboxStatus } from './outbox-message.js';
import type { AttemptResult, OutboxFilter, OutboxStore } from './outbox-store.js';

interface OutboxRow {
  id: string;
  idempotency_key: string;
  status: OutboxStatus;
  channel: OutboxMessage['channel'];
  profile_id: string;
  campaign_id: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  payload: string;
}

interface AttemptRow {
  at: number;
  outcome: OutboxAttempt['outcome'];
  error: string | null;
  duration_ms: number;
}

/** The part of a message that is sent and never changes, kept as JSON. */
type Payload = Pick<OutboxMessage, 'decisionId' | 'variantId' | 'kind' | 'recipient' | 'content'>;

const FILTER_COLUMNS = { status: 'status', channel: 'channel', profileId: 'profile_id', campaignId: 'campaign_id' } as const;

export class SqliteOutboxStore implements OutboxStore {
  private readonly insert: Statement;
  private readonly getStatement: Statement;
  private readonly attemptsOf: Statement;
  private readonly claim: Statement;
  private readonly earliestDue: Statement;
  private readonly insertAttempt: Statement;
  private readonly applyResult: Statement;
  private readonly retryStatement: Statement;
  private readonly counts: Statement;
  private readonly deleteOfProfile: Statement;
  private readonly listStatements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO outbox (id, idempotency_key, status, channel, profile_id, campaign_id, attempts, next_attempt_at, last_error, created_at, delivered_at, payload)
       VALUES (@id, @idempotency_key, @status, @channel, @profile_id, @campaign_id, @attempts, @next_attempt_at, @last_error, @created_at, @delivered_at, @payload)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.getStatement = db.prepare('SELECT * FROM outbox WHERE id = ?');
    this.attemptsOf = db.prepare('SELECT at, outcome, error, duration_ms FROM outbox_attempts WHERE message_id = ? ORDER BY seq');
    this.claim = db.prepare(
      `UPDATE outbox SET next_attempt_at = @leaseUntil WHERE id IN (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit
       ) RETURNING *`,
    );
    this.earliestDue = db.prepare("SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'").pluck();
    this.insertAttempt = db.prepare('INSERT INTO outbox_attempts (message_id, at, outcome, error, duration_ms) VALUES (?, ?, ?, ?, ?)');
    this.applyResult = db.prepare(
      `UPDATE outbox SET status = @status, attempts = attempts + 1, last_error = coalesce(@error, last_error),
         next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at), delivered_at = coalesce(@deliveredAt, delivered_at)
       WHERE id = @id RETURNING *`,
    );
    this.retryStatement = db.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'dead'");
    this.counts = db.prepare('SELECT status, count(*) AS count FROM outbox GROUP BY status');
    // Attempts go with their message (ON DELETE CASCADE).
    this.deleteOfProfile = db.prepare('DELETE FROM outbox WHERE profile_id = ?');
  }

  async enqueue(messages: readonly OutboxMessage[]): Promise<OutboxMessage[]> {
    // A savepoint when the caller's transaction is open, its own transaction otherwise.
    return this.db.transaction(() => messages.filter((message) => this.insert.run(toRow(message)).changes === 1))();
  }

  async get(id: string): Promise<OutboxMessageDetail | undefined> {
    const row = this.getStatement.get(id) as OutboxRow | undefined;
    if (!row) return undefined;
    const attemptHistory = (this.attemptsOf.all(id) as AttemptRow[]).map(
      (attempt): OutboxAttempt => ({
        at: new Date(attempt.at).toISOString(),
        outcome: attempt.outcome,
        ...(attempt.error === null ? {} : { error: attempt.error }),
        durationMs: attempt.duration_ms,
      }),
    );
    return { ...fromRow(row), attemptHistory };
  }

  async list(filter: OutboxFilter): Promise<OutboxMessage[]> {
    const used = (Object.keys(FILTER_COLUMNS) as Array<keyof typeof FILTER_COLUMNS>).filter((key) => filter[key] !== undefined);
    const conditions = [...used.map((key) => `${FILTER_COLUMNS[key]} = @${key}`), ...(filter.before === undefined ? [] : ['id < @before'])];
    const sql = `SELECT * FROM outbox ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    const parameters: Record<string, string | number> = { limit: filter.limit };
    for (const key of used) parameters[key] = filter[key]!;
    if (filter.before !== undefined) parameters.before = filter.before;
    return (statement.all(parameters) as OutboxRow[]).map(fromRow);
  }

  async claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]> {
    const rows = this.claim.all({ now, limit, leaseUntil }) as OutboxRow[];
    return rows.map(fromRow).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async nextDueAt(): Promise<number | undefined> {
    return (this.earliestDue.get() as number | null) ?? undefined;
  }

  async recordAttempt(id: string, attempt: OutboxAttempt, result: AttemptResult): Promise<OutboxMessage | undefined> {
    return this.db.transaction(() => {
      const row = this.applyResult.get({
        id,
        status: result.status,
        error: attempt.error ?? null,
        nextAttemptAt: result.status === 'pending' ? Date.parse(result.nextAttemptAt) : null,
        deliveredAt: result.status === 'delivered' ? Date.parse(result.deliveredAt) : null,
      }) as OutboxRow | undefined;
      if (!row) return undefined;
      this.insertAttempt.run(id, Date.parse(attempt.at), attempt.outcome, attempt.error ?? null, attempt.durationMs);
      return fromRow(row);
    })();
  }

  async retry(id: string, nextAttemptAt: string): Promise<boolean> {
    return this.retryStatement.run(Date.parse(nextAttemptAt), id).changes === 1;
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, dead: 0 };
    for (const { status, count } of this.counts.all() as Array<{ status: OutboxStatus; count: number }>) counts[status] = count;
    return counts;
  }

  async deleteProfile(profileId: string): Promise<number> {
    return this.deleteOfProfile.run(profileId).changes;
  }
}

function toRow(message: OutboxMessage): OutboxRow {
  const payload: Payload = { decisionId: message.decisionId, variantId: message.variantId, kind: message.kind, recipient: message.recipient, content: message.content };
  return {
    id: message.id,
    idempotency_key: message.idempotencyKey,
    status: message.status,
    channel: message.channel,
    profile_id: message.profileId,
    campaign_id: message.campaignId,
    attempts: message.attempts,
    next_attempt_at: Date.parse(message.nextAttemptAt),
    last_error: message.lastError ?? null,
    created_at: Date.parse(message.createdAt),
    delivered_at: message.deliveredAt === undefined ? null : Date.parse(message.deliveredAt),
    payload: JSON.stringify(payload),
  };
}

function fromRow(row: OutboxRow): OutboxMessage {
  const payload = JSON.parse(row.payload) as Payload;
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    decisionId: payload.decisionId,
    profileId: row.profile_id,
    campaignId: row.campaign_id,
    variantId: payload.variantId,
    kind: payload.kind,
    channel: row.channel,
    recipient: payload.recipient,
    content: payload.content,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.delivered_at === null ? {} : { deliveredAt: new Date(row.delivered_at).toISOString() }),
  };
}
