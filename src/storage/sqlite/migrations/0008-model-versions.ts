import type { Migration } from './index.js';

export const modelVersions: Migration = {
  version: 8,
  name: 'model versions: trained artifacts with their metrics, one active per kind',
  sql: `
    CREATE TABLE model_versions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      source TEXT NOT NULL,
      parent TEXT,
      metrics TEXT NOT NULL,
      artifact BLOB NOT NULL,
      active INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX model_versions_by_kind ON model_versions (kind, created_at);
    CREATE UNIQUE INDEX model_versions_one_active ON model_versions (kind) WHERE active = 1;
  `,
};
