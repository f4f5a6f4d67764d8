import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { TimerKind, TriggerTimer } from './trigger-timer.js';
import type { TriggerTimerStore } from './trigger-timer-store.js';

interface TimerRow {
  key: string;
  kind: TimerKind;
  campaign_id: string;
  profile_id: string;
  due_at: number;
  payload: string;
}

export class SqliteTriggerTimerStore implements TriggerTimerStore {
  private readonly upsert: Statement;
  private readonly insertOnce: Statement;
  private readonly cancelStatement: Statement;
  private readonly dueStatement: Statement;
  private readonly claimStatement: Statement;
  private readonly nextStatement: Statement;
  private readonly statusStatement: Statement;

  constructor(db: SqliteDatabase) {
    const insert = 'INSERT INTO trigger_timers (key, kind, campaign_id, profile_id, due_at, status, payload, updated_at) VALUES (@key, @kind, @campaignId, @profileId, @dueAt, \'pending\', @payload, @dueAt)';
    this.upsert = db.prepare(`${insert} ON CONFLICT (key) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, status = 'pending', updated_at = excluded.updated_at`);
    this.insertOnce = db.prepare(`${insert} ON CONFLICT (key) DO NOTHING`);
    this.cancelStatement = db.prepare("UPDATE trigger_timers SET status = 'cancelled' WHERE profile_id = ? AND kind = ? AND status = 'pending'");
    this.dueStatement = db.prepare("SELECT key, kind, campaign_id, profile_id, due_at, payload FROM trigger_timers WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?");
    this.claimStatement = db.prepare("UPDATE trigger_timers SET status = 'fired' WHERE key = ? AND status = 'pending'");
    this.nextStatement = db.prepare("SELECT min(due_at) FROM trigger_timers WHERE status = 'pending'").pluck();
    this.statusStatement = db.prepare('SELECT status FROM trigger_timers WHERE key = ?').pluck();
  }

  async reschedule(timer: TriggerTimer): Promise<void> {
    this.upsert.run(row(timer));
  }

  async scheduleOnce(timer: TriggerTimer): Promise<void> {
    this.insertOnce.run(row(timer));
  }

  async cancel(profileId: string, kind: TimerKind): Promise<number> {
    return this.cancelStatement.run(profileId, kind).changes;
  }

  async due(now: number, limit: number): Promise<TriggerTimer[]> {
    return (this.dueStatement.all(now, limit) as TimerRow[]).map((found) => ({
      key: found.key,
      kind: found.kind,
      campaignId: found.campaign_id,
      profileId: found.profile_id,
      dueAt: found.due_at,
      payload: JSON.parse(found.payload) as TriggerTimer['payload'],
    }));
  }

  async claim(key: string): Promise<boolean> {
    return this.claimStatement.run(key).changes === 1;
  }

  async nextDueAt(): Promise<number | undefined> {
    return (this.nextStatement.get() as number | null) ?? undefined;
  }

  async status(key: string): Promise<'pending' | 'fired' | 'cancelled' | undefined> {
    return this.statusStatement.get(key) as 'pending' | 'fired' | 'cancelled' | undefined;
  }
}

function row(timer: TriggerTimer) {
  return { key: timer.key, kind: timer.kind, campaignId: timer.campaignId, profileId: timer.profileId, dueAt: timer.dueAt, payload: JSON.stringify(timer.payload) };
}
