import type { Migration } from './index.js';

export const campaignResults: Migration = {
  version: 7,
  name: 'campaign results: exposures and conversions per arm and variant',
  sql: `
    CREATE TABLE campaign_results (
      campaign_id TEXT NOT NULL,
      arm TEXT NOT NULL,
      variant_id TEXT NOT NULL,
      exposures INTEGER NOT NULL DEFAULT 0,
      conversions INTEGER NOT NULL DEFAULT 0,
      value REAL NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, arm, variant_id)
    ) WITHOUT ROWID;
  `,
};
