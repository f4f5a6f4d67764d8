import type { ProductActivity } from './product-activity.js';
import type { FrozenProduct, StoredProduct } from './product.js';

/** Sums of the activity counters over a window. Cart adds and purchases are units, views are events. */
export interface ActivityTotals {
  views: number;
  cartAdds: number;
  purchases: number;
}

/** The counters of one product since the two bounds asked for. */
export interface CounterWindows {
  sinceHour: ActivityTotals;
  sinceDay: ActivityTotals;
}

export interface UpsertSummary {
  /** Products that were not in the catalog before. */
  created: number;
  /** Products that replaced a stored one. */
  replaced: number;
}

/**
 * Where the catalog keeps products and their live counters. Asynchronous so that a PostgreSQL adapter
 * can implement it; the writes do not open transactions of their own, the caller's TransactionRunner
 * does, so counters commit together with the events they count.
 */
export interface CatalogStore {
  /** Inserts or replaces whole products. A product given twice ends as the later one. */
  upsertProducts(products: readonly StoredProduct[]): Promise<UpsertSummary>;
  getProduct(id: string): Promise<FrozenProduct | undefined>;
  /** The products of these ids that exist, by id (one query however many: recommendations read dozens). */
  getProducts(ids: readonly string[]): Promise<Map<string, FrozenProduct>>;
  /** A page of products in id order, after `afterId` (exclusive): how the recommendation indexes load the catalog. */
  listProducts(afterId: string | undefined, limit: number): Promise<StoredProduct[]>;
  countProducts(): Promise<number>;
  /**
   * Adds the activity to the 5-minute counter buckets (one write per product and bucket per call) and
   * takes purchased units off the inventory of known products with tracked stock, never below 0.
   * Activity for products not in the catalog is counted too: events may arrive before the catalog.
   */
  applyActivity(activities: readonly ProductActivity[]): Promise<void>;
  /** Sums of the buckets that start at or after each bound (epoch ms). */
  readCounters(productId: string, sinceHour: number, sinceDay: number): Promise<CounterWindows>;
  /** Deletes the buckets that start before the bound; returns how many were removed. */
  pruneCountersBefore(epochMs: number): Promise<number>;
}
