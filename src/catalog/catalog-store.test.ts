import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { describeCatalogStoreContract } from './catalog-store.contract.js';
import { InMemoryCatalogStore } from './in-memory-catalog-store.js';
import { SqliteCatalogStore } from './sqlite-catalog-store.js';

describeCatalogStoreContract('in-memory', () => new InMemoryCatalogStore());
describeCatalogStoreContract('sqlite', () => new SqliteCatalogStore(openDatabase({ path: ':memory:' })));

describe('SqliteCatalogStore', () => {
  const at = Date.UTC(2024, 2, 10, 10, 0, 0);
  const tent = { id: 'tent', name: 'Tent', categoryPath: ['Camping'], brand: null, price: 100, currency: 'EUR', inventory: 5, attributes: {}, imageUrl: null, updatedAt: at };

  it('reads through its cache what its own writes changed: a replacement and an inventory taken by purchases', async () => {
    const store = new SqliteCatalogStore(openDatabase({ path: ':memory:' }));
    await store.upsertProducts([tent]);
    expect((await store.getProducts(['tent'])).get('tent')?.inventory).toBe(5);
    await store.applyActivity([{ productId: 'tent', kind: 'purchase', quantity: 2, at }]);
    expect((await store.getProduct('tent'))?.inventory).toBe(3);
    await store.upsertProducts([{ ...tent, price: 80 }]);
    expect((await store.getProducts(['tent', 'unknown'])).get('tent')).toMatchObject({ price: 80, inventory: 5 });
  });

  it('never keeps a product read inside a transaction that is rolled back', async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteCatalogStore(db);
    await store.upsertProducts([tent]);
    await expect(
      new SqliteTransactionRunner(db).run(async () => {
        await store.upsertProducts([{ ...tent, price: 1 }]);
        expect((await store.getProducts(['tent'])).get('tent')?.price).toBe(1);
        throw new Error('the import failed');
      }),
    ).rejects.toThrow('the import failed');
    expect((await store.getProducts(['tent'])).get('tent')?.price).toBe(100);
  });

  it("joins the caller's transaction instead of opening its own", async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteCatalogStore(db);
    await expect(
      new SqliteTransactionRunner(db).run(async () => {
        await store.applyActivity([{ productId: 'p1', kind: 'view', quantity: 1, at }]);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect((await store.readCounters('p1', 0, 0)).sinceDay.views).toBe(0);
  });

  it('writes one counter row per product and bucket', async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteCatalogStore(db);
    await store.applyActivity([
      { productId: 'p1', kind: 'view', quantity: 1, at },
      { productId: 'p1', kind: 'purchase', quantity: 2, at: at + 60_000 },
      { productId: 'p1', kind: 'view', quantity: 1, at: at + 300_000 },
    ]);
    const rows = db.prepare('SELECT product_id, bucket, views, cart_adds, purchases FROM product_counters ORDER BY bucket').all();
    expect(rows).toEqual([
      { product_id: 'p1', bucket: at, views: 1, cart_adds: 0, purchases: 2 },
      { product_id: 'p1', bucket: at + 300_000, views: 1, cart_adds: 0, purchases: 0 },
    ]);
  });
});
