import type { ActivityTotals, CatalogStore, CounterWindows, UpsertSummary } from './catalog-store.js';
import { aggregateActivity } from './counter-buckets.js';
import type { ProductActivity } from './product-activity.js';
import { freezeProduct, type FrozenProduct, type StoredProduct } from './product.js';

/**
 * A CatalogStore in maps, for tests of code that uses the catalog. It passes the same contract as the
 * SQLite adapter but has no transactions: a rolled-back unit of work keeps its writes here.
 */
export class InMemoryCatalogStore implements CatalogStore {
  private readonly products = new Map<string, FrozenProduct>();
  /** productId → bucket start → totals */
  private readonly counters = new Map<string, Map<number, ActivityTotals>>();

  async upsertProducts(products: readonly StoredProduct[]): Promise<UpsertSummary> {
    let created = 0;
    for (const product of products) {
      if (!this.products.has(product.id)) created++;
      // A frozen copy, as the SQLite adapter's cache hands out: callers can change neither what they passed nor what they get.
      this.products.set(product.id, freezeProduct(structuredClone(product)));
    }
    return { created, replaced: products.length - created };
  }

  async getProduct(id: string): Promise<FrozenProduct | undefined> {
    return this.products.get(id);
  }

  async getProducts(ids: readonly string[]): Promise<Map<string, FrozenProduct>> {
    const found = new Map<string, FrozenProduct>();
    for (const id of ids) {
      const product = this.products.get(id);
      if (product) found.set(id, product);
    }
    return found;
  }

  async listProducts(afterId: string | undefined, limit: number): Promise<StoredProduct[]> {
    const ids = [...this.products.keys()].filter((id) => afterId === undefined || id > afterId).sort();
    return ids.slice(0, limit).map((id) => structuredClone(this.products.get(id)) as StoredProduct);
  }

  async countProducts(): Promise<number> {
    return this.products.size;
  }

  async applyActivity(activities: readonly ProductActivity[]): Promise<void> {
    const { counters, purchasedUnits } = aggregateActivity(activities);
    for (const delta of counters) {
      let buckets = this.counters.get(delta.productId);
      if (!buckets) this.counters.set(delta.productId, (buckets = new Map()));
      const totals = buckets.get(delta.bucket) ?? { views: 0, cartAdds: 0, purchases: 0 };
      buckets.set(delta.bucket, {
        views: totals.views + delta.views,
        cartAdds: totals.cartAdds + delta.cartAdds,
        purchases: totals.purchases + delta.purchases,
      });
    }
    for (const [productId, units] of purchasedUnits) {
      const product = this.products.get(productId);
      if (product && product.inventory !== null) this.products.set(productId, freezeProduct({ ...product, categoryPath: [...product.categoryPath], attributes: { ...product.attributes }, inventory: Math.max(product.inventory - units, 0) }));
    }
  }

  async readCounters(productId: string, sinceHour: number, sinceDay: number): Promise<CounterWindows> {
    const hour: ActivityTotals = { views: 0, cartAdds: 0, purchases: 0 };
    const day: ActivityTotals = { views: 0, cartAdds: 0, purchases: 0 };
    for (const [bucket, totals] of this.counters.get(productId) ?? []) {
      if (bucket >= sinceHour) add(hour, totals);
      if (bucket >= sinceDay) add(day, totals);
    }
    return { sinceHour: hour, sinceDay: day };
  }

  async pruneCountersBefore(epochMs: number): Promise<number> {
    let removed = 0;
    for (const [productId, buckets] of this.counters) {
      for (const bucket of buckets.keys()) {
        if (bucket < epochMs && buckets.delete(bucket)) removed++;
      }
      if (buckets.size === 0) this.counters.delete(productId);
    }
    return removed;
  }
}

function add(into: ActivityTotals, totals: ActivityTotals): void {
  into.views += totals.views;
  into.cartAdds += totals.cartAdds;
  into.purchases += totals.purchases;
}
