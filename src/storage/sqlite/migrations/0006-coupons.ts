import type { Migration } from './index.js';

export const coupons: Migration = {
  version: 6,
  name: 'coupon pools and single-use codes',
  sql: `
    CREATE TABLE coupon_pools (
      id TEXT PRIMARY KEY,
      document TEXT NOT NULL
    );
    CREATE TABLE coupon_codes (
      code TEXT PRIMARY KEY,
      pool_id TEXT NOT NULL,
      profile_id TEXT,
      assigned_at INTEGER,
      expires_at INTEGER,
      redeemed_at INTEGER
    );
    CREATE INDEX coupon_codes_free ON coupon_codes (pool_id) WHERE profile_id IS NULL;
    CREATE INDEX coupon_codes_by_holder ON coupon_codes (pool_id, profile_id) WHERE profile_id IS NOT NULL;
  `,
};
