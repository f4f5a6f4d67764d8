import type { Migration } from './index.js';

/**
 * Profile states are stored as MessagePack records (profiles/profile-state-codec.ts): each record
 * names a shared structure (its list of field names) instead of repeating the names. The structures
 * are kept here, in one row, and only ever grow, so every saved state can always be read. States saved
 * before stay JSON text and are read as such until they are next saved.
 */
export const profileStateStructures: Migration = {
  version: 15,
  name: 'shared structures of the profile states stored as MessagePack records',
  sql: `
    CREATE TABLE profile_state_structures (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      count INTEGER NOT NULL,
      structures TEXT NOT NULL
    );
  `,
};
