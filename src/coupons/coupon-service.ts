import { parseDuration } from '../campaigns/conditions/condition.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { Clock } from '../shared/clock.js';
import type { ShopperIdentifiers } from '../shared/shopper-identifiers.js';
import { Errors } from '../shared/errors.js';
import type { AssignedCoupon, CouponPool, CouponPoolInput } from './coupon.js';
import type { CouponStore } from './coupon-store.js';

export const COUPON_REDEEMED_EVENT = 'Coupon Redeemed';
/** Codes accepted per upload request; more go in several requests. */
export const MAX_CODES_PER_UPLOAD = 10_000;

/**
 * Coupon pools and single-use codes: the admin uploads codes, decisions hand one to a customer when a
 * variant quotes `{{ coupon.code }}`, and the till redeems it once. A redemption is written to the
 * customer's history (`Coupon Redeemed`) so lift can count it.
 */
export class CouponService {
  constructor(private readonly deps: { store: CouponStore; clock: Clock; ingestion: Pick<IngestionService, 'ingest'> }) {}

  async putPool(id: string, input: CouponPoolInput): Promise<{ pool: CouponPool; created: boolean }> {
    if (input.endsAt !== undefined && (Number.isNaN(Date.parse(input.endsAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(input.endsAt))) {
      throw Errors.invalidRequest([{ field: 'endsAt', problem: 'must be an ISO-8601 time such as 2026-12-31T23:59:59Z' }]);
    }
    const pool: CouponPool = { ...input, id, validFor: input.validFor ?? '7d', updatedAt: new Date(this.deps.clock.now()).toISOString() };
    return { pool, created: await this.deps.store.putPool(pool) };
  }

  async getPool(id: string): Promise<CouponPool & { codes: Awaited<ReturnType<CouponStore['counts']>> }> {
    const pool = await this.pool(id);
    return { ...pool, codes: await this.deps.store.counts(id, this.deps.clock.now()) };
  }

  async addCodes(poolId: string, codes: string[]): Promise<{ added: number; duplicates: number }> {
    await this.pool(poolId);
    return this.deps.store.addCodes(poolId, codes);
  }

  /**
   * The code a customer gets from the pool now (their own unredeemed one, else a free one), valid for
   * the pool's `validFor` but never past its end. Undefined when the pool is unknown, over, or empty —
   * the variant is then not eligible. `preview` shows a free code without handing it out. `now` is the
   * decision's time, so the validity it quotes is counted from the same instant.
   */
  async couponFor(poolId: string, profileId: string | undefined, preview: boolean, now: number): Promise<AssignedCoupon | undefined> {
    const pool = await this.deps.store.getPool(poolId);
    const endsAt = pool?.endsAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(pool.endsAt);
    if (pool === undefined || endsAt <= now) return undefined;
    const expiresAt = Math.min(now + parseDuration(pool.validFor)!, endsAt);
    if (preview) {
      const code = await this.deps.store.peek(poolId);
      return code === undefined ? undefined : { code, poolId, expiresAt };
    }
    // A code is handed to a profile; a stranger with none yet gets a variant without a code.
    return profileId === undefined ? undefined : this.deps.store.assign(poolId, profileId, now, expiresAt);
  }

  /** Redeems a code once; refusals are 404 (unknown), 409 (redeemed already, never handed out) or 410 (expired). */
  async redeem(code: string, shopper: ShopperIdentifiers): Promise<{ code: string; poolId: string; redeemedAt: string }> {
    const now = this.deps.clock.now();
    const outcome = await this.deps.store.redeem(code, now);
    switch (outcome.status) {
      case 'unknown':
        throw Errors.couponNotRedeemable(404, code, 'no such code');
      case 'already_redeemed':
        throw Errors.couponNotRedeemable(409, code, `already redeemed at ${new Date(outcome.redeemedAt).toISOString()}`);
      case 'not_assigned':
        throw Errors.couponNotRedeemable(409, code, 'this code was never given to a customer');
      case 'expired':
        throw Errors.couponNotRedeemable(410, code, `expired at ${new Date(outcome.expiresAt).toISOString()}`);
      case 'redeemed':
        break;
    }
    if (shopper.userId !== undefined || shopper.anonymousId !== undefined) {
      await this.deps.ingestion.ingest([{ type: 'track', event: COUPON_REDEEMED_EVENT, ...shopper, messageId: `coupon-redeemed:${code}`, properties: { code, poolId: outcome.poolId } }]);
    }
    return { code, poolId: outcome.poolId, redeemedAt: new Date(now).toISOString() };
  }

  private async pool(id: string): Promise<CouponPool> {
    const pool = await this.deps.store.getPool(id);
    if (pool === undefined) throw Errors.couponPoolNotFound(id);
    return pool;
  }
}
