import { beforeEach, describe, expect, it } from 'vitest';
import type { CouponPool } from './coupon.js';
import type { CouponStore } from './coupon-store.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const pool: CouponPool = { id: 'winter20', name: 'Winter 20%', validFor: '7d', updatedAt: '2026-11-23T10:00:00.000Z' };

/** The behaviour every CouponStore adapter must have. */
export function describeCouponStoreContract(adapter: string, create: () => CouponStore): void {
  describe(`CouponStore contract: ${adapter}`, () => {
    let store: CouponStore;
    beforeEach(async () => {
      store = create();
      await store.putPool(pool);
    });

    it('keeps pools, and adds each code once over all pools', async () => {
      expect(await store.getPool('winter20')).toEqual(pool);
      expect(await store.putPool({ ...pool, name: 'Renamed' })).toBe(false);
      expect(await store.addCodes('winter20', ['AAA-1', 'AAA-2', 'AAA-1'])).toEqual({ added: 2, duplicates: 1 });
      expect(await store.addCodes('other', ['AAA-2', 'BBB-1'])).toEqual({ added: 1, duplicates: 1 });
      expect(await store.counts('winter20', T0)).toEqual({ available: 2, assigned: 0, redeemed: 0, expired: 0 });
    });

    it('hands each code to one profile, gives a profile its own code again, and runs out', async () => {
      await store.addCodes('winter20', ['AAA-1', 'AAA-2']);
      const first = await store.assign('winter20', 'prf_1', T0, T0 + 7 * DAY);
      const again = await store.assign('winter20', 'prf_1', T0 + 1000, T0 + 8 * DAY);
      const second = await store.assign('winter20', 'prf_2', T0, T0 + 7 * DAY);
      expect(again).toEqual(first);
      expect(second?.code).not.toBe(first?.code);
      expect(await store.peek('winter20')).toBeUndefined();
      expect(await store.assign('winter20', 'prf_3', T0, T0 + 7 * DAY)).toBeUndefined();
      expect(await store.counts('winter20', T0)).toEqual({ available: 0, assigned: 2, redeemed: 0, expired: 0 });
    });

    it('redeems a code once, and refuses expired, unassigned and unknown codes', async () => {
      await store.addCodes('winter20', ['AAA-1', 'AAA-2', 'AAA-3']);
      const coupon = await store.assign('winter20', 'prf_1', T0, T0 + DAY);
      expect(await store.redeem(coupon!.code, T0 + 1000)).toEqual({ status: 'redeemed', poolId: 'winter20', profileId: 'prf_1' });
      expect(await store.redeem(coupon!.code, T0 + 2000)).toEqual({ status: 'already_redeemed', redeemedAt: T0 + 1000 });
      const late = await store.assign('winter20', 'prf_2', T0, T0 + DAY);
      expect(await store.redeem(late!.code, T0 + 2 * DAY)).toEqual({ status: 'expired', expiresAt: T0 + DAY });
      const free = await store.peek('winter20');
      expect(await store.redeem(free!, T0)).toEqual({ status: 'not_assigned' });
      expect(await store.redeem('NOPE', T0)).toEqual({ status: 'unknown' });
      expect(await store.counts('winter20', T0 + 2 * DAY)).toEqual({ available: 1, assigned: 0, redeemed: 1, expired: 1 });
    });

    it('gives a profile whose code expired a new one', async () => {
      await store.addCodes('winter20', ['AAA-1', 'AAA-2']);
      const first = await store.assign('winter20', 'prf_1', T0, T0 + DAY);
      const next = await store.assign('winter20', 'prf_1', T0 + 2 * DAY, T0 + 9 * DAY);
      expect(next?.code).not.toBe(first?.code);
    });
  });
}
