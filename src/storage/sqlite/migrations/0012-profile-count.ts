import type { Migration } from './index.js';

/**
 * `count(*)` over a million profiles walks the whole id index: ~270 ms of a blocked event loop on every
 * Prometheus scrape. The count is kept instead by triggers, in the writing transaction (an upsert that
 * updates an existing profile fires no INSERT trigger), and read in O(1).
 */
export const profileCount: Migration = {
  version: 12,
  name: 'profile count kept by triggers',
  sql: `
    CREATE TABLE row_counts (
      name TEXT PRIMARY KEY,
      n INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO row_counts (name, n) SELECT 'profiles', count(*) FROM profiles;
    CREATE TRIGGER profiles_counted_on_insert AFTER INSERT ON profiles BEGIN
      UPDATE row_counts SET n = n + 1 WHERE name = 'profiles';
    END;
    CREATE TRIGGER profiles_counted_on_delete AFTER DELETE ON profiles BEGIN
      UPDATE row_counts SET n = n - 1 WHERE name = 'profiles';
    END;
  `,
};
