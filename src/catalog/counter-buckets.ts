import type { ProductActivity } from './product-activity.js';

/** Width of a counter bucket. Windows over the counters are exact to this granularity. */
export const COUNTER_BUCKET_MS = 5 * 60_000;

/** Start (epoch ms) of the bucket an instant falls in. */
export function counterBucket(at: number): number {
  return Math.floor(at / COUNTER_BUCKET_MS) * COUNTER_BUCKET_MS;
}

/** What one call to `applyActivity` adds to one product's bucket. */
export interface CounterDelta {
  productId: string;
  bucket: number;
  views: number;
  cartAdds: number;
  purchases: number;
}

export interface ActivityDeltas {
  counters: CounterDelta[];
  /** Units purchased per product, to take off inventory. */
  purchasedUnits: Map<string, number>;
}

/**
 * Folds a batch of activity into one delta per (product, bucket) and one inventory change per product,
 * so a store writes each row once per batch however many events touched it. Shared by every adapter
 * so they count alike. A view counts 1 whatever its quantity; cart adds and purchases count units.
 */
export function aggregateActivity(activities: readonly ProductActivity[]): ActivityDeltas {
  const counters = new Map<string, CounterDelta>();
  const purchasedUnits = new Map<string, number>();
  for (const activity of activities) {
    const bucket = counterBucket(activity.at);
    const key = `${bucket}:${activity.productId}`;
    let delta = counters.get(key);
    if (!delta) {
      delta = { productId: activity.productId, bucket, views: 0, cartAdds: 0, purchases: 0 };
      counters.set(key, delta);
    }
    if (activity.kind === 'view') delta.views += 1;
    else if (activity.kind === 'cart_add') delta.cartAdds += activity.quantity;
    else {
      delta.purchases += activity.quantity;
      purchasedUnits.set(activity.productId, (purchasedUnits.get(activity.productId) ?? 0) + activity.quantity);
    }
  }
  return { counters: [...counters.values()], purchasedUnits };
}
