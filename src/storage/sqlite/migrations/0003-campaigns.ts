import type { Migration } from './index.js';

export const campaigns: Migration = {
  version: 3,
  name: 'campaigns as versioned documents',
  sql: `
    CREATE TABLE campaigns (
      id TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      document TEXT NOT NULL
    );
    CREATE INDEX campaigns_by_status ON campaigns (status);
  `,
};
