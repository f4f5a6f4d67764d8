import type { AssignedCoupon, CouponPool, RedeemOutcome } from './coupon.js';
import type { CouponStore } from './coupon-store.js';

interface Code {
  poolId: string;
  profileId?: string;
  expiresAt?: number;
  redeemedAt?: number;
}

/** For tests of what uses coupons; behaves as the SQLite adapter (the contract test says so). */
export class InMemoryCouponStore implements CouponStore {
  private readonly pools = new Map<string, string>();
  private readonly codes = new Map<string, Code>();

  async putPool(pool: CouponPool): Promise<boolean> {
    const isNew = !this.pools.has(pool.id);
    this.pools.set(pool.id, JSON.stringify(pool));
    return isNew;
  }

  async getPool(id: string): Promise<CouponPool | undefined> {
    const document = this.pools.get(id);
    return document === undefined ? undefined : (JSON.parse(document) as CouponPool);
  }

  async addCodes(poolId: string, codes: string[]): Promise<{ added: number; duplicates: number }> {
    let added = 0;
    for (const code of codes) {
      if (this.codes.has(code)) continue;
      this.codes.set(code, { poolId });
      added++;
    }
    return { added, duplicates: codes.length - added };
  }

  async assign(poolId: string, profileId: string, now: number, expiresAt: number): Promise<AssignedCoupon | undefined> {
    let held: [string, Code] | undefined;
    for (const entry of this.codes) {
      const [, code] = entry;
      if (code.poolId === poolId && code.profileId === profileId && code.redeemedAt === undefined && code.expiresAt! > now && (held === undefined || code.expiresAt! > held[1].expiresAt!)) held = entry;
    }
    if (held) return { code: held[0], poolId, expiresAt: held[1].expiresAt! };
    for (const [value, code] of this.codes) {
      if (code.poolId !== poolId || code.profileId !== undefined) continue;
      Object.assign(code, { profileId, expiresAt });
      return { code: value, poolId, expiresAt };
    }
    return undefined;
  }

  async peek(poolId: string): Promise<string | undefined> {
    for (const [value, code] of this.codes) if (code.poolId === poolId && code.profileId === undefined) return value;
    return undefined;
  }

  async redeem(value: string, now: number): Promise<RedeemOutcome> {
    const code = this.codes.get(value);
    if (code === undefined) return { status: 'unknown' };
    if (code.redeemedAt !== undefined) return { status: 'already_redeemed', redeemedAt: code.redeemedAt };
    if (code.profileId === undefined || code.expiresAt === undefined) return { status: 'not_assigned' };
    if (code.expiresAt <= now) return { status: 'expired', expiresAt: code.expiresAt };
    code.redeemedAt = now;
    return { status: 'redeemed', poolId: code.poolId, profileId: code.profileId };
  }

  async counts(poolId: string, now: number): Promise<{ available: number; assigned: number; redeemed: number; expired: number }> {
    const counts = { available: 0, assigned: 0, redeemed: 0, expired: 0 };
    for (const code of this.codes.values()) {
      if (code.poolId !== poolId) continue;
      if (code.profileId === undefined) counts.available++;
      else if (code.redeemedAt !== undefined) counts.redeemed++;
      else if (code.expiresAt! > now) counts.assigned++;
      else counts.expired++;
    }
    return counts;
  }
}
