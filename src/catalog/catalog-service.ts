import { LRUCache } from 'lru-cache';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import type { CatalogStore, UpsertSummary } from './catalog-store.js';
import { COUNTER_BUCKET_MS } from './counter-buckets.js';
import { startOfLocalDayIn } from './local-day.js';
import type { ProductActivity } from './product-activity.js';
import { productFromInput } from './product-input.js';
import type { Product, ProductInput, ProductView, StoredProduct } from './product.js';

const HOUR_MS = 60 * 60_000;
/** Product views kept between reads (decisions read one per call). */
const VIEW_CACHE_SIZE = 10_000;

interface CachedView {
  view: ProductView;
  computedAt: number;
  /**
   * Exclusive: the last hour's window (buckets starting at or after now − 1 h) loses its oldest bucket
   * just after each 5-minute boundary, so a view holds up to and including the next boundary.
   */
  validUntil: number;
  dayStart: number;
}

export interface CatalogServiceDeps {
  store: CatalogStore;
  transactions: TransactionRunner;
  clock: Clock;
  /** IANA time zone whose midnight starts "today", e.g. Europe/Berlin. */
  timeZone: string;
  /** Products written per transaction by `importProducts`; large enough to amortise the commit. */
  importChunkSize?: number;
}

export interface PutProductResult {
  created: boolean;
  view: ProductView;
}

/**
 * Products and their live counters. Counters come in 5-minute buckets: "last hour" sums the buckets
 * that started in the last 60 minutes (between 55 and 60 minutes of activity), "today" the buckets
 * since midnight in the configured time zone.
 *
 * @example
 * const catalog = new CatalogService({ store, transactions, clock: systemClock, timeZone: 'Europe/Berlin' });
 * await catalog.putProduct('sku-1', { name: 'Trail shoe', price: 89, currency: 'EUR', inventory: 12 });
 * (await catalog.getProductView('sku-1')).live.purchasesToday // → 0
 */
export class CatalogService {
  private readonly store: CatalogStore;
  private readonly transactions: TransactionRunner;
  private readonly clock: Clock;
  private readonly startOfDay: (epochMs: number) => number;
  private readonly importChunkSize: number;
  private readonly views = new LRUCache<string, CachedView>({ max: VIEW_CACHE_SIZE });
  private readonly changeListeners: Array<(products: readonly StoredProduct[]) => void> = [];

  constructor(deps: CatalogServiceDeps) {
    this.store = deps.store;
    this.transactions = deps.transactions;
    this.clock = deps.clock;
    this.startOfDay = startOfLocalDayIn(deps.timeZone);
    this.importChunkSize = deps.importChunkSize ?? 1000;
  }

  /** Calls the listener with the products of every committed put or import chunk (the recommendation indexes follow the catalog). */
  onProductsChanged(listener: (products: readonly StoredProduct[]) => void): void {
    this.changeListeners.push(listener);
  }

  /** Creates or replaces one product; `created` tells which. */
  async putProduct(id: string, input: ProductInput): Promise<PutProductResult> {
    const product = this.stamp(productFromInput(id, input));
    this.views.delete(id);
    const summary = await this.transactions.run(() => this.store.upsertProducts([product]));
    this.announce([product]);
    return { created: summary.created === 1, view: await this.getProductView(id) };
  }

  /**
   * Creates or replaces many products, one transaction per chunk, so a large file neither holds the
   * writer for long nor is lost entirely when it stops half-way (the chunks before are kept).
   */
  async importProducts(products: Iterable<Product> | AsyncIterable<Product>): Promise<UpsertSummary> {
    const total: UpsertSummary = { created: 0, replaced: 0 };
    let chunk: StoredProduct[] = [];
    const flush = async (): Promise<void> => {
      const rows = chunk;
      chunk = [];
      for (const row of rows) this.views.delete(row.id);
      const summary = await this.transactions.run(() => this.store.upsertProducts(rows));
      this.announce(rows);
      total.created += summary.created;
      total.replaced += summary.replaced;
    };
    for await (const product of products) {
      chunk.push(this.stamp(product));
      if (chunk.length >= this.importChunkSize) await flush();
    }
    if (chunk.length > 0) await flush();
    return total;
  }

  private announce(products: readonly StoredProduct[]): void {
    for (const listener of this.changeListeners) listener(products);
  }

  /**
   * The product with its live counters; throws `Errors.productNotFound` for an unknown id. Views are
   * cached exactly: the counters can only change with activity or a product write (both evict the
   * product) or when the last-hour window passes a 5-minute bucket boundary (when the entry expires).
   */
  async getProductView(id: string): Promise<ProductView> {
    const now = this.clock.now();
    const dayStart = this.startOfDay(now);
    const cached = this.views.get(id);
    if (cached && now >= cached.computedAt && now < cached.validUntil && dayStart === cached.dayStart) {
      return { ...cached.view, live: { ...cached.view.live, updatedAt: now } };
    }
    const product = await this.store.getProduct(id);
    if (!product) throw Errors.productNotFound(id);
    const { sinceHour: hour, sinceDay: day } = await this.store.readCounters(id, now - HOUR_MS, dayStart);
    const view: ProductView = {
      ...product,
      categoryPath: [...product.categoryPath],
      attributes: { ...product.attributes },
      live: {
        viewsLastHour: hour.views,
        viewsToday: day.views,
        cartAddsLastHour: hour.cartAdds,
        cartAddsToday: day.cartAdds,
        purchasesLastHour: hour.purchases,
        purchasesToday: day.purchases,
        inventory: product.inventory,
        updatedAt: now,
      },
    };
    this.views.set(id, { view, computedAt: now, validUntil: Math.ceil(now / COUNTER_BUCKET_MS) * COUNTER_BUCKET_MS + 1, dayStart });
    return { ...view, live: { ...view.live } };
  }

  /**
   * Counts product activity and takes purchases off inventory. Called by the ingestion pipeline inside
   * the transaction that stores the events, so it opens none of its own.
   */
  async recordActivity(activities: readonly ProductActivity[]): Promise<void> {
    if (activities.length === 0) return;
    for (const activity of activities) this.views.delete(activity.productId);
    await this.store.applyActivity(activities);
  }

  /**
   * Deletes counter buckets older than the start of yesterday: nothing reads them. Meant to be run
   * periodically (e.g. hourly) by whoever schedules maintenance; returns the buckets removed.
   */
  async pruneCounters(): Promise<number> {
    const startOfYesterday = this.startOfDay(this.startOfDay(this.clock.now()) - 1);
    return this.transactions.run(() => this.store.pruneCountersBefore(startOfYesterday));
  }

  async countProducts(): Promise<number> {
    return this.store.countProducts();
  }

  private stamp(product: Product): StoredProduct {
    return { ...product, updatedAt: this.clock.now() };
  }
}
