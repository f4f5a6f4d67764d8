import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../shared/clock.js';
import { KairosError } from '../shared/errors.js';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import { CatalogService } from './catalog-service.js';
import { InMemoryCatalogStore } from './in-memory-catalog-store.js';
import { readProductFile } from './product-file-reader.js';
import type { Product } from './product.js';
import { SqliteCatalogStore } from './sqlite-catalog-store.js';

const MINUTE = 60_000;

/** Runs work directly and counts the units of work, so tests can see how writes are grouped. */
class CountingTransactions implements TransactionRunner {
  units = 0;
  run<T>(work: () => Promise<T>): Promise<T> {
    this.units++;
    return work();
  }
}

function product(id: string): Product {
  return { id, name: id, categoryPath: [], brand: null, price: null, currency: null, inventory: null, attributes: {}, imageUrl: null };
}

describe('CatalogService', () => {
  // 10:07 in New York (UTC−5 in January): "today" started at 05:00Z, "last hour" at 14:07Z.
  const now = Date.parse('2024-01-15T15:07:00Z');
  let clock: ManualClock;
  let transactions: CountingTransactions;
  let catalog: CatalogService;

  beforeEach(() => {
    clock = new ManualClock(now);
    transactions = new CountingTransactions();
    catalog = new CatalogService({ store: new InMemoryCatalogStore(), transactions, clock, timeZone: 'America/New_York', importChunkSize: 2 });
  });

  describe('putProduct', () => {
    it('normalises the input, says whether it created the product and returns its view', async () => {
      const first = await catalog.putProduct('sku-1', {
        name: ' Trail shoe ',
        categoryPath: 'Shoes > Running',
        currency: 'eur',
        price: 89.5,
        inventory: 3,
        attributes: { color: 'red' },
      });
      expect(first.created).toBe(true);
      expect(first.view).toEqual({
        id: 'sku-1',
        name: 'Trail shoe',
        categoryPath: ['Shoes', 'Running'],
        brand: null,
        price: 89.5,
        currency: 'EUR',
        inventory: 3,
        attributes: { color: 'red' },
        imageUrl: null,
        updatedAt: now,
        live: { viewsLastHour: 0, viewsToday: 0, cartAddsLastHour: 0, cartAddsToday: 0, purchasesLastHour: 0, purchasesToday: 0, inventory: 3, updatedAt: now },
      });
      clock.advance(MINUTE);
      const second = await catalog.putProduct('sku-1', { name: 'Trail shoe v2' });
      expect(second.created).toBe(false);
      expect(second.view).toMatchObject({ name: 'Trail shoe v2', categoryPath: [], currency: null, inventory: null, updatedAt: now + MINUTE });
      expect(transactions.units).toBe(2);
    });
  });

  describe('importProducts', () => {
    it('writes one transaction per chunk and counts created and replaced products', async () => {
      await catalog.putProduct('b', { name: 'old b' });
      transactions.units = 0;
      async function* rows(): AsyncGenerator<Product> {
        for (const id of ['a', 'b', 'c', 'd', 'e']) yield product(id);
      }
      expect(await catalog.importProducts(rows())).toEqual({ created: 4, replaced: 1 });
      expect(transactions.units).toBe(3);
      expect(await catalog.countProducts()).toBe(5);
      expect((await catalog.getProductView('b')).name).toBe('b');
    });

    it('tells its listeners of every committed put and import chunk', async () => {
      const told: string[][] = [];
      catalog.onProductsChanged((products) => told.push(products.map((p) => p.id)));
      await catalog.putProduct('a', { name: 'A' });
      await catalog.importProducts([product('b'), product('c'), product('d')]);
      expect(told).toEqual([['a'], ['b', 'c'], ['d']]);
    });

    it('opens no transaction for nothing', async () => {
      expect(await catalog.importProducts([])).toEqual({ created: 0, replaced: 0 });
      expect(transactions.units).toBe(0);
    });
  });

  describe('getProductView', () => {
    beforeEach(async () => {
      await catalog.putProduct('sku-1', { name: 'Trail shoe', inventory: 5 });
    });

    it('counts the buckets of the last 60 minutes in "last hour" and those since local midnight in "today"', async () => {
      await catalog.recordActivity([
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-15T15:06:59Z') },
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-15T14:10:00Z') }, // bucket 14:10 ≥ 14:07
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-15T14:09:59Z') }, // bucket 14:05 < 14:07
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-15T05:00:00Z') }, // local midnight
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-15T04:59:59Z') }, // 23:59 yesterday
        { productId: 'sku-1', kind: 'cart_add', quantity: 2, at: Date.parse('2024-01-15T15:00:00Z') },
        { productId: 'sku-1', kind: 'purchase', quantity: 1, at: Date.parse('2024-01-15T15:01:00Z') },
        { productId: 'sku-1', kind: 'purchase', quantity: 2, at: Date.parse('2024-01-15T09:00:00Z') },
        { productId: 'sku-1', kind: 'purchase', quantity: 7, at: Date.parse('2024-01-14T20:00:00Z') }, // yesterday
      ]);
      const { live } = await catalog.getProductView('sku-1');
      expect(live).toEqual({
        viewsLastHour: 2,
        viewsToday: 4,
        cartAddsLastHour: 2,
        cartAddsToday: 2,
        purchasesLastHour: 1,
        purchasesToday: 3,
        inventory: 0,
        updatedAt: now,
      });
    });

    it('counts yesterday evening in "last hour" but not in "today" just after local midnight', async () => {
      clock.set(Date.parse('2024-01-16T05:20:00Z')); // 00:20 in New York
      await catalog.recordActivity([
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-16T04:45:00Z') }, // 23:45 yesterday
        { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-16T05:10:00Z') }, // 00:10 today
      ]);
      const { live } = await catalog.getProductView('sku-1');
      expect([live.viewsLastHour, live.viewsToday]).toEqual([2, 1]);
    });

    it('serves repeated reads from its cache, yet never a stale number: activity, a product write, the hour window and midnight all show at once', async () => {
      clock.set(Date.parse('2024-01-16T04:52:00Z')); // 23:52 in New York
      await catalog.recordActivity([{ productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-16T03:56:00Z') }]); // bucket 03:55
      expect((await catalog.getProductView('sku-1')).live.viewsLastHour).toBe(1);
      await catalog.recordActivity([{ productId: 'sku-1', kind: 'purchase', quantity: 1, at: Date.parse('2024-01-16T04:52:00Z') }]);
      expect((await catalog.getProductView('sku-1')).live).toMatchObject({ purchasesLastHour: 1, purchasesToday: 1, inventory: 4 });
      await catalog.putProduct('sku-1', { name: 'Trail shoe', inventory: 9 });
      expect((await catalog.getProductView('sku-1')).live.inventory).toBe(9);

      clock.set(Date.parse('2024-01-16T04:55:00Z')); // the 03:55 bucket is still within the hour
      expect((await catalog.getProductView('sku-1')).live.viewsLastHour).toBe(1);
      clock.set(Date.parse('2024-01-16T04:55:00.001Z')); // ...and now it is not
      expect((await catalog.getProductView('sku-1')).live.viewsLastHour).toBe(0);
      expect((await catalog.getProductView('sku-1')).live.purchasesToday).toBe(1);
      clock.set(Date.parse('2024-01-16T05:00:00Z')); // midnight in New York: a new day
      const { live } = await catalog.getProductView('sku-1');
      expect([live.purchasesToday, live.purchasesLastHour, live.updatedAt]).toEqual([0, 1, Date.parse('2024-01-16T05:00:00Z')]);
    });

    it('shows inventory after purchases, floored at 0', async () => {
      await catalog.recordActivity([{ productId: 'sku-1', kind: 'purchase', quantity: 3, at: now }]);
      expect((await catalog.getProductView('sku-1')).live.inventory).toBe(2);
      await catalog.recordActivity([{ productId: 'sku-1', kind: 'purchase', quantity: 4, at: now }]);
      const view = await catalog.getProductView('sku-1');
      expect([view.inventory, view.live.inventory, view.live.purchasesToday]).toEqual([0, 0, 7]);
    });

    it('throws productNotFound for an unknown id', async () => {
      const failure = await catalog.getProductView('nope').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KairosError);
      expect(failure).toMatchObject({ code: 'KAIROS_PRODUCT_NOT_FOUND', statusCode: 404 });
    });
  });

  it('prunes the counters older than the start of yesterday', async () => {
    await catalog.recordActivity([
      { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-14T04:55:00Z') }, // the day before yesterday
      { productId: 'sku-1', kind: 'view', quantity: 1, at: Date.parse('2024-01-14T05:00:00Z') }, // yesterday 00:00
    ]);
    expect(await catalog.pruneCounters()).toBe(1);
  });

  it('refuses an unknown time zone when built', () => {
    expect(() => new CatalogService({ store: new InMemoryCatalogStore(), transactions, clock, timeZone: 'Nowhere/City' })).toThrow(
      expect.objectContaining({ code: 'KAIROS_INVALID_CONFIG' }),
    );
  });
});

describe('CatalogService over SQLite', () => {
  it('imports the valid rows of a file and counts activity in the same database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kairos-import-'));
    try {
      const path = join(dir, 'products.csv');
      await writeFile(path, 'id,name,price,currency,inventory\na,Shoe,10,eur,5\nb,,1,,\nc,Boot,20,EUR,\n');
      const db = openDatabase({ path: ':memory:' });
      const now = Date.parse('2024-01-15T12:00:00Z');
      const catalog = new CatalogService({
        store: new SqliteCatalogStore(db),
        transactions: new SqliteTransactionRunner(db),
        clock: new ManualClock(now),
        timeZone: 'Europe/Berlin',
      });
      const problems: string[] = [];
      async function* validProducts(): AsyncGenerator<Product> {
        for await (const row of readProductFile(path)) {
          if (row.error) problems.push(`${row.line} ${row.error.field}: ${row.error.problem}`);
          else yield row.product;
        }
      }
      expect(await catalog.importProducts(validProducts())).toEqual({ created: 2, replaced: 0 });
      expect(problems).toEqual(['3 name: must not be blank']);
      await catalog.recordActivity([{ productId: 'a', kind: 'purchase', quantity: 2, at: now - 60_000 }]);
      const view = await catalog.getProductView('a');
      expect([view.currency, view.price, view.live.purchasesLastHour, view.live.purchasesToday, view.live.inventory]).toEqual(['EUR', 10, 2, 2, 3]);
      expect((await catalog.getProductView('c')).inventory).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
