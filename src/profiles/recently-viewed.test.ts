import { describe, expect, it } from 'vitest';
import type { CommerceFacts } from '../ingestion/ecommerce-spec.js';
import { emptyProfileState } from './profile-state.js';
import { interestIn, MAX_RECENTLY_VIEWED, rememberViewed } from './recently-viewed.js';

const T0 = Date.UTC(2026, 10, 2, 12);
const facts = (kind: CommerceFacts['kind'], ...ids: string[]): CommerceFacts => ({ kind, products: ids.map((productId) => ({ productId, quantity: 1 })) });

describe('rememberViewed', () => {
  it('counts views and cart adds per product, latest last, and forgets a product once bought', () => {
    const lifetime = emptyProfileState('p', T0).lifetime;
    rememberViewed(lifetime, facts('product_view', 'a'), T0);
    rememberViewed(lifetime, facts('product_view', 'b'), T0 + 1);
    rememberViewed(lifetime, facts('cart_add', 'a'), T0 + 2);
    rememberViewed(lifetime, facts('search'), T0 + 3);
    expect(lifetime.recentlyViewed).toEqual([
      { productId: 'b', lastAt: T0 + 1, views: 1, cartAdds: 0 },
      { productId: 'a', lastAt: T0 + 2, views: 1, cartAdds: 1 },
    ]);
    rememberViewed(lifetime, facts('purchase', 'a', 'b'), T0 + 4);
    expect(lifetime.recentlyViewed).toBeUndefined();
  });

  it('keeps the most recent products only', () => {
    const lifetime = emptyProfileState('p', T0).lifetime;
    for (let i = 0; i <= MAX_RECENTLY_VIEWED; i++) rememberViewed(lifetime, facts('product_view', `p${i}`), T0 + i);
    expect(lifetime.recentlyViewed).toHaveLength(MAX_RECENTLY_VIEWED);
    expect(lifetime.recentlyViewed![0]!.productId).toBe('p1');
  });

  it('weighs a cart add above a view and halves interest weekly', () => {
    const week = 7 * 24 * 3_600_000;
    expect(interestIn({ productId: 'a', lastAt: T0, views: 1, cartAdds: 1 }, T0)).toBe(4);
    expect(interestIn({ productId: 'a', lastAt: T0, views: 2, cartAdds: 0 }, T0 + week)).toBeCloseTo(1);
  });
});
