import type { AssignedCoupon, CouponPool, RedeemOutcome } from './coupon.js';

/**
 * Coupon pools and their codes. `assign` and `redeem` are each one atomic step, so two decisions can
 * never hand out the same code and a code is redeemed once.
 */
export interface CouponStore {
  putPool(pool: CouponPool): Promise<boolean>;
  getPool(id: string): Promise<CouponPool | undefined>;
  /** Adds codes to a pool; codes already known (in any pool) are skipped and counted. */
  addCodes(poolId: string, codes: string[]): Promise<{ added: number; duplicates: number }>;
  /**
   * The profile's unexpired, unredeemed code of the pool; else a free code, assigned to it until
   * `expiresAt`. Undefined when the pool has no free code left.
   */
  assign(poolId: string, profileId: string, now: number, expiresAt: number): Promise<AssignedCoupon | undefined>;
  /** A free code, without assigning it (for previews). */
  peek(poolId: string): Promise<string | undefined>;
  redeem(code: string, now: number): Promise<RedeemOutcome>;
  counts(poolId: string, now: number): Promise<{ available: number; assigned: number; redeemed: number; expired: number }>;
}
