import { beforeEach, describe, expect, it } from 'vitest';
import type { CatalogStore } from './catalog-store.js';
import type { StoredProduct } from './product.js';

const MINUTE = 60_000;
/** 2024-03-10T10:00:00Z, a bucket boundary. */
const T0 = Date.UTC(2024, 2, 10, 10, 0, 0);

function product(id: string, overrides: Partial<StoredProduct> = {}): StoredProduct {
  return {
    id,
    name: `Product ${id}`,
    categoryPath: ['Shoes', 'Running'],
    brand: 'Acme',
    price: 89.5,
    currency: 'EUR',
    inventory: 10,
    attributes: { color: 'red', size: 42, waterproof: true },
    imageUrl: `https://cdn.example.com/${id}.jpg`,
    updatedAt: T0,
    ...overrides,
  };
}

const zero = { views: 0, cartAdds: 0, purchases: 0 };

/**
 * The behaviour every CatalogStore adapter must have. Each adapter's test file calls this with a
 * factory that returns an empty store.
 */
export function describeCatalogStoreContract(adapter: string, createStore: () => CatalogStore | Promise<CatalogStore>): void {
  describe(`CatalogStore contract: ${adapter}`, () => {
    let store: CatalogStore;
    beforeEach(async () => {
      store = await createStore();
    });

    describe('products', () => {
      it('returns a product as it was stored, with nulls and typed attributes', async () => {
        const sparse = product('p2', { brand: null, price: null, currency: null, inventory: null, imageUrl: null, categoryPath: [], attributes: {} });
        await store.upsertProducts([product('p1'), sparse]);
        expect(await store.getProduct('p1')).toEqual(product('p1'));
        expect(await store.getProduct('p2')).toEqual(sparse);
      });

      it('reads many products at once, leaving out unknown ids', async () => {
        await store.upsertProducts([product('p1'), product('p2'), product('p3')]);
        const found = await store.getProducts(['p3', 'nope', 'p1', 'p1']);
        expect([...found.keys()].sort()).toEqual(['p1', 'p3']);
        expect(found.get('p3')).toEqual(product('p3'));
        expect((await store.getProducts([])).size).toBe(0);
      });

      it('lists products in id order, a page at a time', async () => {
        await store.upsertProducts([product('p3'), product('p1'), product('p2')]);
        const first = await store.listProducts(undefined, 2);
        expect(first.map((p) => p.id)).toEqual(['p1', 'p2']);
        expect((await store.listProducts('p2', 2)).map((p) => p.id)).toEqual(['p3']);
        expect(await store.listProducts('p3', 2)).toEqual([]);
      });

      it('returns undefined for an unknown id', async () => {
        expect(await store.getProduct('nope')).toBeUndefined();
      });

      it('reports created and replaced products and replaces every field', async () => {
        expect(await store.upsertProducts([product('p1'), product('p2')])).toEqual({ created: 2, replaced: 0 });
        const replacement = product('p1', { name: 'Renamed', brand: null, attributes: { color: 'blue' }, updatedAt: T0 + 1 });
        expect(await store.upsertProducts([replacement, product('p3')])).toEqual({ created: 1, replaced: 1 });
        expect(await store.getProduct('p1')).toEqual(replacement);
        expect(await store.countProducts()).toBe(3);
      });

      it('keeps the later of two rows with the same id in one call', async () => {
        const summary = await store.upsertProducts([product('p1', { name: 'first' }), product('p1', { name: 'second' })]);
        expect(summary).toEqual({ created: 1, replaced: 1 });
        expect((await store.getProduct('p1'))?.name).toBe('second');
        expect(await store.countProducts()).toBe(1);
      });

      it('does not let a caller change the stored product through the objects it passed or got', async () => {
        const original = product('p1');
        await store.upsertProducts([original]);
        original.attributes.color = 'changed';
        const read = (await store.getProduct('p1'))!;
        // Shared with every reader, so frozen: a change throws instead of reaching the next reader.
        expect(() => (read.categoryPath as string[]).push('changed')).toThrow(TypeError);
        expect(() => ((read.attributes as Record<string, unknown>).color = 'changed')).toThrow(TypeError);
        expect(() => ((read as { price: number | null }).price = 1)).toThrow(TypeError);
        expect((await store.getProducts(['p1'])).get('p1')).toEqual(product('p1'));
        expect(await store.getProduct('p1')).toEqual(product('p1'));
      });
    });

    describe('counters', () => {
      it('sums activity by kind: a view counts 1, cart adds and purchases count units', async () => {
        await store.applyActivity([
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 + 1 * MINUTE },
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 + 2 * MINUTE },
          { productId: 'p1', kind: 'cart_add', quantity: 2, at: T0 + 3 * MINUTE },
          { productId: 'p1', kind: 'purchase', quantity: 3, at: T0 + 7 * MINUTE },
          { productId: 'p2', kind: 'view', quantity: 1, at: T0 },
        ]);
        const counters = await store.readCounters('p1', T0, T0);
        expect(counters).toEqual({ sinceHour: { views: 2, cartAdds: 2, purchases: 3 }, sinceDay: { views: 2, cartAdds: 2, purchases: 3 } });
      });

      it('adds up across calls', async () => {
        await store.applyActivity([{ productId: 'p1', kind: 'view', quantity: 1, at: T0 }]);
        await store.applyActivity([{ productId: 'p1', kind: 'view', quantity: 1, at: T0 + MINUTE }]);
        expect((await store.readCounters('p1', T0, T0)).sinceHour.views).toBe(2);
      });

      it('puts activity in the 5-minute bucket it falls in and counts buckets starting at or after each bound', async () => {
        await store.applyActivity([
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 - 1 }, // bucket 09:55
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 }, // bucket 10:00
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 + 5 * MINUTE - 1 }, // bucket 10:00
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 + 5 * MINUTE }, // bucket 10:05
        ]);
        expect((await store.readCounters('p1', T0 + 5 * MINUTE, T0 - 5 * MINUTE)).sinceHour.views).toBe(1);
        expect((await store.readCounters('p1', T0 + 1, T0)).sinceHour.views).toBe(1);
        expect((await store.readCounters('p1', T0, T0)).sinceDay.views).toBe(3);
        expect((await store.readCounters('p1', T0, T0 - 5 * MINUTE)).sinceDay.views).toBe(4);
      });

      it('answers each bound when the hour starts before the day', async () => {
        await store.applyActivity([
          { productId: 'p1', kind: 'purchase', quantity: 1, at: T0 - 20 * MINUTE },
          { productId: 'p1', kind: 'purchase', quantity: 4, at: T0 + 10 * MINUTE },
        ]);
        const counters = await store.readCounters('p1', T0 - 30 * MINUTE, T0);
        expect(counters.sinceHour.purchases).toBe(5);
        expect(counters.sinceDay.purchases).toBe(4);
      });

      it('reads zeros for a product without activity', async () => {
        expect(await store.readCounters('quiet', T0, T0)).toEqual({ sinceHour: zero, sinceDay: zero });
      });

      it('prunes the buckets that start before the bound and says how many', async () => {
        await store.applyActivity([
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 - 10 * MINUTE },
          { productId: 'p2', kind: 'view', quantity: 1, at: T0 - 6 * MINUTE },
          { productId: 'p1', kind: 'view', quantity: 1, at: T0 },
        ]);
        expect(await store.pruneCountersBefore(T0)).toBe(2);
        expect((await store.readCounters('p1', 0, 0)).sinceDay.views).toBe(1);
        expect((await store.readCounters('p2', 0, 0)).sinceDay.views).toBe(0);
        expect(await store.pruneCountersBefore(T0)).toBe(0);
      });
    });

    describe('inventory', () => {
      it('takes purchased units off the inventory, never below 0, and leaves cart adds alone', async () => {
        await store.upsertProducts([product('p1', { inventory: 5 }), product('p2', { inventory: 2 })]);
        await store.applyActivity([
          { productId: 'p1', kind: 'purchase', quantity: 2, at: T0 },
          { productId: 'p1', kind: 'purchase', quantity: 1, at: T0 + 6 * MINUTE },
          { productId: 'p1', kind: 'cart_add', quantity: 4, at: T0 },
          { productId: 'p2', kind: 'purchase', quantity: 3, at: T0 },
        ]);
        expect((await store.getProduct('p1'))?.inventory).toBe(2);
        expect((await store.getProduct('p2'))?.inventory).toBe(0);
        await store.applyActivity([{ productId: 'p2', kind: 'purchase', quantity: 1, at: T0 }]);
        expect((await store.getProduct('p2'))?.inventory).toBe(0);
      });

      it('keeps untracked inventory null and does not create unknown products', async () => {
        await store.upsertProducts([product('p1', { inventory: null })]);
        await store.applyActivity([
          { productId: 'p1', kind: 'purchase', quantity: 1, at: T0 },
          { productId: 'ghost', kind: 'purchase', quantity: 1, at: T0 },
        ]);
        expect((await store.getProduct('p1'))?.inventory).toBeNull();
        expect(await store.getProduct('ghost')).toBeUndefined();
        expect(await store.countProducts()).toBe(1);
        expect((await store.readCounters('ghost', T0, T0)).sinceDay.purchases).toBe(1);
      });
    });
  });
}
