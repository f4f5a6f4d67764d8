import type { Migration } from './index.js';

export const bandits: Migration = {
  version: 9,
  name: 'bandits: variant posteriors and logged decisions with propensities and rewards',
  sql: `
    CREATE TABLE bandit_posteriors (
      campaign_id TEXT NOT NULL,
      variant_id TEXT NOT NULL,
      posterior TEXT NOT NULL,
      updates INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, variant_id)
    ) WITHOUT ROWID;
    CREATE TABLE bandit_decisions (
      campaign_id TEXT NOT NULL,
      decision_id TEXT NOT NULL,
      variant_id TEXT NOT NULL,
      policy TEXT NOT NULL,
      propensity REAL NOT NULL,
      candidates TEXT NOT NULL,
      context TEXT NOT NULL,
      delivered_at INTEGER NOT NULL,
      due_at INTEGER NOT NULL,
      reward INTEGER,
      PRIMARY KEY (campaign_id, decision_id)
    ) WITHOUT ROWID;
    CREATE INDEX bandit_decisions_awaiting ON bandit_decisions (due_at) WHERE reward IS NULL;
    CREATE INDEX bandit_decisions_by_time ON bandit_decisions (campaign_id, delivered_at);
  `,
};
