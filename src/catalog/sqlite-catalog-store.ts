import { LRUCache } from 'lru-cache';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { ActivityTotals, CatalogStore, CounterWindows, UpsertSummary } from './catalog-store.js';
import { aggregateActivity } from './counter-buckets.js';
import type { ProductActivity } from './product-activity.js';
import { freezeProduct, type AttributeValue, type FrozenProduct, type StoredProduct } from './product.js';

interface ProductRow {
  id: string;
  name: string;
  category_path: string;
  brand: string | null;
  price: number | null;
  currency: string | null;
  inventory: number | null;
  attributes: string;
  image_url: string | null;
  updated_at: number;
}

interface CounterSumsRow {
  hour_views: number;
  hour_cart_adds: number;
  hour_purchases: number;
  day_views: number;
  day_cart_adds: number;
  day_purchases: number;
}

/**
 * Products kept decoded in memory: every recommendation and search page reads them. Sized to hold a
 * whole catalog of 200k products (a few hundred bytes each): with a quarter of it cached, candidates
 * drawn across the catalog missed three times in four, and each miss was a row read, a decode and an
 * object promoted into the old generation that the collector then had to copy.
 */
const CACHED_PRODUCTS = 250_000;

/**
 * The catalog in the embedded SQLite database. Statements are prepared once; no method opens a
 * transaction, so writes join the caller's (see TransactionRunner).
 *
 * Reads go through a cache of decoded products: a recommendation reads the rows of every candidate
 * (30 to 90) and a search re-ranking 500, and decoding them (a row object, two JSON parses) was most
 * of that read's time and allocation. The cache is coherent because this adapter is the only writer
 * of `products` (one process owns the data dir): its writes drop what they touch, and it is filled
 * only outside a transaction, so a row a rollback takes back is never kept. Callers share its frozen products.
 */
export class SqliteCatalogStore implements CatalogStore {
  private readonly cache = new LRUCache<string, FrozenProduct>({ max: CACHED_PRODUCTS });
  private readonly productExists: Statement<[string], number>;
  private readonly upsertProduct: Statement<[ProductRow]>;
  private readonly selectProduct: Statement<[string], ProductRow>;
  private readonly countAll: Statement<[], number>;
  private readonly selectProducts: Statement<[string], ProductRow>;
  private readonly selectPage: Statement<[string, number], ProductRow>;
  private readonly addToBucket: Statement<[string, number, number, number, number]>;
  private readonly takeInventory: Statement<[number, string]>;
  private readonly sumCounters: Statement<{ productId: string; sinceHour: number; sinceDay: number }, CounterSumsRow>;
  private readonly deleteBucketsBefore: Statement<[number]>;

  constructor(private readonly db: SqliteDatabase) {
    this.productExists = db.prepare<[string], number>('SELECT 1 FROM products WHERE id = ?').pluck();
    this.upsertProduct = db.prepare<[ProductRow]>(`
      INSERT INTO products (id, name, category_path, brand, price, currency, inventory, attributes, image_url, updated_at)
      VALUES (@id, @name, @category_path, @brand, @price, @currency, @inventory, @attributes, @image_url, @updated_at)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, category_path = excluded.category_path, brand = excluded.brand,
        price = excluded.price, currency = excluded.currency, inventory = excluded.inventory,
        attributes = excluded.attributes, image_url = excluded.image_url, updated_at = excluded.updated_at`);
    this.selectProduct = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE id = ?');
    // One statement for any number of ids: the ids travel as a JSON array.
    this.selectProducts = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))');
    this.selectPage = db.prepare<[string, number], ProductRow>('SELECT * FROM products WHERE id > ? ORDER BY id LIMIT ?');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM products').pluck();
    this.addToBucket = db.prepare<[string, number, number, number, number]>(`
      INSERT INTO product_counters (product_id, bucket, views, cart_adds, purchases) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (product_id, bucket) DO UPDATE SET
        views = views + excluded.views,
        cart_adds = cart_adds + excluded.cart_adds,
        purchases = purchases + excluded.purchases`);
    this.takeInventory = db.prepare<[number, string]>(
      'UPDATE products SET inventory = max(inventory - ?, 0) WHERE id = ? AND inventory IS NOT NULL',
    );
    // One range scan of the primary key from the earlier bound; the hour can start before midnight.
    this.sumCounters = db.prepare(`
      SELECT
        coalesce(sum(CASE WHEN bucket >= @sinceHour THEN views END), 0) AS hour_views,
        coalesce(sum(CASE WHEN bucket >= @sinceHour THEN cart_adds END), 0) AS hour_cart_adds,
        coalesce(sum(CASE WHEN bucket >= @sinceHour THEN purchases END), 0) AS hour_purchases,
        coalesce(sum(CASE WHEN bucket >= @sinceDay THEN views END), 0) AS day_views,
        coalesce(sum(CASE WHEN bucket >= @sinceDay THEN cart_adds END), 0) AS day_cart_adds,
        coalesce(sum(CASE WHEN bucket >= @sinceDay THEN purchases END), 0) AS day_purchases
      FROM product_counters
      WHERE product_id = @productId AND bucket >= min(@sinceHour, @sinceDay)`);
    this.deleteBucketsBefore = db.prepare<[number]>('DELETE FROM product_counters WHERE bucket < ?');
  }

  async upsertProducts(products: readonly StoredProduct[]): Promise<UpsertSummary> {
    let created = 0;
    for (const product of products) {
      if (this.productExists.get(product.id) === undefined) created++;
      this.upsertProduct.run(toRow(product));
      this.cache.delete(product.id);
    }
    return { created, replaced: products.length - created };
  }

  async getProduct(id: string): Promise<FrozenProduct | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = this.selectProduct.get(id);
    return row && this.remember(freezeProduct(fromRow(row)));
  }

  async getProducts(ids: readonly string[]): Promise<Map<string, FrozenProduct>> {
    const found = new Map<string, FrozenProduct>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.cache.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    for (const row of this.selectProducts.all(JSON.stringify(missing))) found.set(row.id, this.remember(freezeProduct(fromRow(row))));
    return found;
  }

  async listProducts(afterId: string | undefined, limit: number): Promise<StoredProduct[]> {
    return this.selectPage.all(afterId ?? '', limit).map(fromRow);
  }

  async countProducts(): Promise<number> {
    return this.countAll.get() ?? 0;
  }

  async applyActivity(activities: readonly ProductActivity[]): Promise<void> {
    const { counters, purchasedUnits } = aggregateActivity(activities);
    for (const delta of counters) {
      this.addToBucket.run(delta.productId, delta.bucket, delta.views, delta.cartAdds, delta.purchases);
    }
    for (const [productId, units] of purchasedUnits) {
      this.takeInventory.run(units, productId);
      this.cache.delete(productId);
    }
  }

  async readCounters(productId: string, sinceHour: number, sinceDay: number): Promise<CounterWindows> {
    const sums = this.sumCounters.get({ productId, sinceHour, sinceDay });
    if (!sums) throw new Error('an aggregate query returned no row');
    const hour: ActivityTotals = { views: sums.hour_views, cartAdds: sums.hour_cart_adds, purchases: sums.hour_purchases };
    const day: ActivityTotals = { views: sums.day_views, cartAdds: sums.day_cart_adds, purchases: sums.day_purchases };
    return { sinceHour: hour, sinceDay: day };
  }

  async pruneCountersBefore(epochMs: number): Promise<number> {
    return this.deleteBucketsBefore.run(epochMs).changes;
  }

  /** Keeps a product read outside a transaction (inside one, it may yet be rolled back). */
  private remember(product: FrozenProduct): FrozenProduct {
    if (!this.db.inTransaction) this.cache.set(product.id, product);
    return product;
  }
}

function toRow(product: StoredProduct): ProductRow {
  return {
    id: product.id,
    name: product.name,
    category_path: JSON.stringify(product.categoryPath),
    brand: product.brand,
    price: product.price,
    currency: product.currency,
    inventory: product.inventory,
    attributes: JSON.stringify(product.attributes),
    image_url: product.imageUrl,
    updated_at: product.updatedAt,
  };
}

function fromRow(row: ProductRow): StoredProduct {
  return {
    id: row.id,
    name: row.name,
    categoryPath: JSON.parse(row.category_path) as string[],
    brand: row.brand,
    price: row.price,
    currency: row.currency,
    inventory: row.inventory,
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
    imageUrl: row.image_url,
    updatedAt: row.updated_at,
  };
}
