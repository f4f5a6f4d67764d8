import type { Migration } from './index.js';

/** Only overrides of the named placements and custom ones: the named defaults live in the code. */
export const placements: Migration = {
  version: 10,
  name: 'placements: recommendation placements as versioned documents',
  sql: `
    CREATE TABLE placements (
      id TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      document TEXT NOT NULL
    );
  `,
};
