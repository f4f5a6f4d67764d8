/**
 * What the ingestion pipeline tells the catalog about a product on every event. The catalog turns
 * these into live counters (views and purchases in the last hour and today) and inventory changes.
 */
export interface ProductActivity {
  productId: string;
  kind: 'view' | 'cart_add' | 'purchase';
  /** Units: 1 for a view, the quantity for a cart add or a purchase. */
  quantity: number;
  /** Event time, epoch ms. */
  at: number;
}
