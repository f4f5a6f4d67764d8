import type { CommerceKind } from '../ingestion/ecommerce-spec.js';

/**
 * What the ingestion pipeline tells the catalog about a product on every event. The catalog turns
 * these into live counters (views and purchases in the last hour and today) and inventory changes.
 */
export type ActivityKind = 'view' | 'cart_add' | 'purchase';

export interface ProductActivity {
  productId: string;
  kind: ActivityKind;
  /** Units: 1 for a view, the quantity for a cart add or a purchase. */
  quantity: number;
  /** Event time, epoch ms. */
  at: number;
}

const ACTIVITY_KIND: Partial<Record<CommerceKind, ActivityKind>> = { product_view: 'view', cart_add: 'cart_add', purchase: 'purchase' };

/** What an event's products count as — a view, a cart add, a purchase — or undefined for other events. */
export function activityKindOf(kind: CommerceKind): ActivityKind | undefined {
  return ACTIVITY_KIND[kind];
}
