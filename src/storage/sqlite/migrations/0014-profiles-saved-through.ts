import type { Migration } from './index.js';

/**
 * Profile states are written behind the log (docs/architecture.md): the store records how far into the
 * log every saved state is complete, so a start after a crash folds only the events after it. Every
 * state saved before this migration was saved with its events, so the whole log is covered.
 */
export const profilesSavedThrough: Migration = {
  version: 14,
  name: 'log position the saved profile states are complete through',
  sql: `
    CREATE TABLE store_marks (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO store_marks (name, value) SELECT 'profiles_saved_through', coalesce(max(seq), 0) FROM events;
  `,
};
