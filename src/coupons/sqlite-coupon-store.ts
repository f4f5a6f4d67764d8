import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { AssignedCoupon, CouponPool, RedeemOutcome } from './coupon.js';
import type { CouponStore } from './coupon-store.js';

interface CodeRow {
  code: string;
  pool_id: string;
  profile_id: string | null;
  expires_at: number | null;
  redeemed_at: number | null;
}

export class SqliteCouponStore implements CouponStore {
  private readonly poolExists: Statement;
  private readonly upsertPool: Statement;
  private readonly getPoolStatement: Statement;
  private readonly insertCode: Statement;
  private readonly held: Statement;
  private readonly claimFree: Statement;
  private readonly peekFree: Statement;
  private readonly findCode: Statement;
  private readonly markRedeemed: Statement;
  private readonly countStatement: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.poolExists = db.prepare('SELECT 1 FROM coupon_pools WHERE id = ?').pluck();
    this.upsertPool = db.prepare('INSERT INTO coupon_pools (id, document) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document');
    this.getPoolStatement = db.prepare('SELECT document FROM coupon_pools WHERE id = ?').pluck();
    this.insertCode = db.prepare('INSERT INTO coupon_codes (code, pool_id) VALUES (?, ?) ON CONFLICT (code) DO NOTHING');
    this.held = db.prepare('SELECT code, expires_at FROM coupon_codes WHERE pool_id = ? AND profile_id = ? AND redeemed_at IS NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1');
    // One statement: the free code is picked and taken in a single write, so no two callers get it.
    this.claimFree = db.prepare(
      'UPDATE coupon_codes SET profile_id = @profileId, assigned_at = @now, expires_at = @expiresAt WHERE code = (SELECT code FROM coupon_codes WHERE pool_id = @poolId AND profile_id IS NULL LIMIT 1) RETURNING code',
    ).pluck();
    this.peekFree = db.prepare('SELECT code FROM coupon_codes WHERE pool_id = ? AND profile_id IS NULL LIMIT 1').pluck();
    this.findCode = db.prepare('SELECT code, pool_id, profile_id, expires_at, redeemed_at FROM coupon_codes WHERE code = ?');
    this.markRedeemed = db.prepare('UPDATE coupon_codes SET redeemed_at = ? WHERE code = ? AND redeemed_at IS NULL');
    this.countStatement = db.prepare(
      `SELECT
         sum(profile_id IS NULL) AS available,
         sum(profile_id IS NOT NULL AND redeemed_at IS NULL AND expires_at > @now) AS assigned,
         sum(redeemed_at IS NOT NULL) AS redeemed,
         sum(profile_id IS NOT NULL AND redeemed_at IS NULL AND expires_at <= @now) AS expired
       FROM coupon_codes WHERE pool_id = @poolId`,
    );
  }

  async putPool(pool: CouponPool): Promise<boolean> {
    const isNew = this.poolExists.get(pool.id) === undefined;
    this.upsertPool.run(pool.id, JSON.stringify(pool));
    return isNew;
  }

  async getPool(id: string): Promise<CouponPool | undefined> {
    const document = this.getPoolStatement.get(id) as string | undefined;
    return document === undefined ? undefined : (JSON.parse(document) as CouponPool);
  }

  async addCodes(poolId: string, codes: string[]): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    this.db.transaction(() => {
      for (const code of codes) added += this.insertCode.run(code, poolId).changes;
    })();
    return { added, duplicates: codes.length - added };
  }

  async assign(poolId: string, profileId: string, now: number, expiresAt: number): Promise<AssignedCoupon | undefined> {
    const existing = this.held.get(poolId, profileId, now) as { code: string; expires_at: number } | undefined;
    if (existing) return { code: existing.code, poolId, expiresAt: existing.expires_at };
    const code = this.claimFree.get({ poolId, profileId, now, expiresAt }) as string | undefined;
    return code === undefined ? undefined : { code, poolId, expiresAt };
  }

  async peek(poolId: string): Promise<string | undefined> {
    return this.peekFree.get(poolId) as string | undefined;
  }

  async redeem(code: string, now: number): Promise<RedeemOutcome> {
    const found = this.findCode.get(code) as CodeRow | undefined;
    if (found === undefined) return { status: 'unknown' };
    if (found.redeemed_at !== null) return { status: 'already_redeemed', redeemedAt: found.redeemed_at };
    if (found.profile_id === null || found.expires_at === null) return { status: 'not_assigned' };
    if (found.expires_at <= now) return { status: 'expired', expiresAt: found.expires_at };
    if (this.markRedeemed.run(now, code).changes === 0) return { status: 'already_redeemed', redeemedAt: now };
    return { status: 'redeemed', poolId: found.pool_id, profileId: found.profile_id };
  }

  async counts(poolId: string, now: number): Promise<{ available: number; assigned: number; redeemed: number; expired: number }> {
    const row = this.countStatement.get({ poolId, now }) as Record<string, number | null>;
    return { available: row.available ?? 0, assigned: row.assigned ?? 0, redeemed: row.redeemed ?? 0, expired: row.expired ?? 0 };
  }
}
