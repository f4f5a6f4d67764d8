import type { Migration } from './index.js';

/**
 * The outbox: one row per message to send, the columns the dispatcher and the admin API filter on,
 * and what is sent (recipient, content…) as JSON. The partial index holds only pending messages, so
 * finding the due ones stays cheap however many were delivered.
 */
export const outbox: Migration = {
  version: 4,
  name: 'outbox messages and their attempts',
  sql: `
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      channel TEXT NOT NULL,
      profile_id TEXT NOT NULL,
      campaign_id TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      delivered_at INTEGER,
      payload TEXT NOT NULL
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX outbox_by_profile ON outbox (profile_id);
    CREATE INDEX outbox_by_campaign ON outbox (campaign_id);

    CREATE TABLE outbox_attempts (
      seq INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      error TEXT,
      duration_ms INTEGER NOT NULL
    );
    CREATE INDEX outbox_attempts_by_message ON outbox_attempts (message_id, seq);
  `,
};
