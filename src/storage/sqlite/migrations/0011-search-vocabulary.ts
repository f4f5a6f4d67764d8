import type { Migration } from './index.js';

export const searchVocabulary: Migration = {
  version: 11,
  name: 'search vocabulary: what shoppers chose after searching each term',
  sql: `
    CREATE TABLE search_terms (
      key TEXT PRIMARY KEY,
      weight REAL NOT NULL,
      at INTEGER NOT NULL,
      evidence INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX search_terms_by_time ON search_terms (at);
    CREATE TABLE search_term_entries (
      key TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('category', 'brand', 'product')),
      value TEXT NOT NULL,
      label TEXT NOT NULL,
      weight REAL NOT NULL,
      at INTEGER NOT NULL,
      evidence INTEGER NOT NULL,
      PRIMARY KEY (key, kind, value)
    ) WITHOUT ROWID;
  `,
};
