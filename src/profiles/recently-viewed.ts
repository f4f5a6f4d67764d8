import type { CommerceFacts } from '../ingestion/ecommerce-spec.js';
import type { LifetimeState, ViewedProduct } from './profile-state.js';

/** Products remembered per profile: the least recently seen go first. */
export const MAX_RECENTLY_VIEWED = 30;
/** Interest in a viewed product halves every week. */
const INTEREST_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;
/** A cart add says more than a view. */
const CART_ADD_WEIGHT = 3;

/**
 * Folds a view or cart add into the profile's recently viewed products; a purchase takes the product
 * off the list (it is no longer something to pick up again).
 */
export function rememberViewed(lifetime: LifetimeState, facts: CommerceFacts, at: number): void {
  if (facts.kind !== 'product_view' && facts.kind !== 'cart_add' && facts.kind !== 'purchase') return;
  const viewed = (lifetime.recentlyViewed ??= []);
  for (const product of facts.products) {
    const index = viewed.findIndex((entry) => entry.productId === product.productId);
    if (facts.kind === 'purchase') {
      if (index >= 0) viewed.splice(index, 1);
      continue;
    }
    const entry: ViewedProduct = index >= 0 ? viewed.splice(index, 1)[0]! : { productId: product.productId, lastAt: at, views: 0, cartAdds: 0 };
    entry.lastAt = Math.max(entry.lastAt, at);
    if (facts.kind === 'product_view') entry.views += 1;
    else entry.cartAdds += 1;
    viewed.push(entry);
  }
  if (viewed.length > MAX_RECENTLY_VIEWED) viewed.splice(0, viewed.length - MAX_RECENTLY_VIEWED);
  if (viewed.length === 0) delete lifetime.recentlyViewed;
}

/** How interested the shopper is in a viewed product now: views and cart adds, decayed since the last. */
export function interestIn(entry: ViewedProduct, now: number): number {
  return (entry.views + CART_ADD_WEIGHT * entry.cartAdds) * Math.pow(2, -Math.max(0, now - entry.lastAt) / INTEREST_HALF_LIFE_MS);
}
