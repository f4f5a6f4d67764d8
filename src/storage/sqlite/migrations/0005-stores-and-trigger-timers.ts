import type { Migration } from './index.js';

export const storesAndTriggerTimers: Migration = {
  version: 5,
  name: 'retail stores and durable trigger timers',
  sql: `
    CREATE TABLE retail_stores (
      id TEXT PRIMARY KEY,
      document TEXT NOT NULL
    );
    CREATE TABLE trigger_timers (
      key TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      campaign_id TEXT NOT NULL,
      profile_id TEXT NOT NULL,
      due_at INTEGER NOT NULL,
      status TEXT NOT NULL,
      payload TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX trigger_timers_due ON trigger_timers (due_at) WHERE status = 'pending';
    CREATE INDEX trigger_timers_by_profile ON trigger_timers (profile_id, kind) WHERE status = 'pending';
  `,
};
