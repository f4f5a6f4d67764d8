import type { Migration } from './index.js';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema: event log, identities, profiles, catalog, settings',
  sql: `
    -- Append-only event log. seq orders events as they were accepted; ts is the skew-corrected event time.
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE,
      profile_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      type TEXT NOT NULL,
      name TEXT,
      channel TEXT NOT NULL,
      session_id TEXT NOT NULL,
      body TEXT NOT NULL
    );
    CREATE INDEX events_by_profile_time ON events (profile_id, ts, seq);

    -- Every identifier known, normalised, and the profile it belongs to.
    CREATE TABLE identities (
      type TEXT NOT NULL,
      value TEXT NOT NULL,
      profile_id TEXT NOT NULL,
      first_seen_at INTEGER NOT NULL,
      source_message_id TEXT NOT NULL,
      profiles_joined INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (type, value)
    ) WITHOUT ROWID;
    CREATE INDEX identities_by_profile ON identities (profile_id);

    -- Merges made, so a profile can explain which identifier joined which profile, when, from which event.
    CREATE TABLE identity_merges (
      id INTEGER PRIMARY KEY,
      survivor_id TEXT NOT NULL,
      merged_id TEXT NOT NULL,
      identifier_type TEXT NOT NULL,
      identifier_value TEXT NOT NULL,
      message_id TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX identity_merges_by_survivor ON identity_merges (survivor_id);
    CREATE INDEX identity_merges_by_merged ON identity_merges (merged_id);

    -- Merges refused by the false-merge guards, with the reason.
    CREATE TABLE identity_refusals (
      id INTEGER PRIMARY KEY,
      profile_id TEXT NOT NULL,
      other_profile_id TEXT,
      identifier_type TEXT NOT NULL,
      identifier_value TEXT NOT NULL,
      reason TEXT NOT NULL,
      message_id TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX identity_refusals_by_profile ON identity_refusals (profile_id);
    CREATE INDEX identity_refusals_by_other ON identity_refusals (other_profile_id);

    -- One row per customer: traits, consent and live features as a JSON document.
    CREATE TABLE profiles (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      state TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE products (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      category_path TEXT NOT NULL,
      brand TEXT,
      price REAL,
      currency TEXT,
      inventory INTEGER,
      attributes TEXT NOT NULL,
      image_url TEXT,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    -- Live product counters in five-minute buckets (bucket = start of the bucket, epoch ms).
    CREATE TABLE product_counters (
      product_id TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      views INTEGER NOT NULL DEFAULT 0,
      cart_adds INTEGER NOT NULL DEFAULT 0,
      purchases INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (product_id, bucket)
    ) WITHOUT ROWID;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
