import { describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../catalog/product.js';
import { ContentIndex } from './content-index.js';
import { FeatureArena } from './feature-arena.js';

const product = (id: string, overrides: Partial<StoredProduct> = {}): StoredProduct => ({
  id,
  name: id,
  categoryPath: ['Shoes', 'Running'],
  brand: 'Acme',
  price: 80,
  currency: 'EUR',
  inventory: 3,
  attributes: { Color: 'Red' },
  imageUrl: null,
  updatedAt: 0,
  ...overrides,
});

describe('ContentIndex', () => {
  it('ranks the product sharing brand and category line above one sharing the department only', () => {
    const index = new ContentIndex();
    index.upsert([
      product('trail runner'),
      product('road runner'),
      product('hiking boot', { categoryPath: ['Shoes', 'Hiking'], brand: 'Other', attributes: { Color: 'Brown' }, price: 150 }),
      product('tent', { categoryPath: ['Camping'], brand: 'Other', attributes: {}, price: 300 }),
    ]);
    const similar = index.similar('trail runner', 5, new Set());
    expect(similar.map((item) => item.itemId)).toEqual(['road runner', 'hiking boot']);
    expect(similar[0]!.shared).toContain('brand acme');
    expect(index.similar('trail runner', 5, new Set(['road runner'])).map((item) => item.itemId)).toEqual(['hiking boot']);
    expect(index.similar('unknown', 5, new Set())).toEqual([]);
  });

  it('scores at most its candidate cap, even when one feature is shared by more, rarest features first', () => {
    const index = new ContentIndex(3);
    index.upsert([
      product('query', { attributes: { Color: 'Red', Line: 'Trail' } }),
      product('line mate', { brand: 'Other', attributes: { Color: 'Blue', Line: 'Trail' } }),
      ...Array.from({ length: 10 }, (_, i) => product(`same brand ${i}`, { attributes: { Color: 'Blue' } })),
    ]);
    const similar = index.similar('query', 20, new Set());
    expect(similar).toHaveLength(3);
    // The one product sharing the query's rarest feature is always a candidate.
    expect(similar.map((item) => item.itemId)).toContain('line mate');
  });

  it('keeps lower-cased facts, and follows a product that moved category or changed brand', () => {
    const index = new ContentIndex();
    index.upsert([product('a'), product('b')]);
    expect(index.facts('a')).toEqual({ categories: ['shoes', 'running'], brand: 'acme', price: 80, colour: 'red' });
    expect([...index.productsIn('running')]).toEqual(['a', 'b']);
    const version = index.version;

    index.upsert([product('a', { categoryPath: ['Camping'], brand: 'Northwind' })]);
    expect(index.version).not.toBe(version);
    expect(index.size).toBe(2);
    expect([...index.productsIn('running')]).toEqual(['b']);
    expect([...index.productsIn('camping')]).toEqual(['a']);
    expect(index.facts('a')).toMatchObject({ categories: ['camping'], brand: 'northwind' });
    // Only the colour and price band are shared now: b is still a's nearest, but not by brand.
    expect(index.similar('a', 5, new Set())[0]).toMatchObject({ itemId: 'b' });
    expect(index.similar('a', 5, new Set())[0]!.shared).not.toContain('brand acme');
  });
});

describe('FeatureArena', () => {
  it('keeps every product’s list through replacements, compactions and growth', () => {
    const arena = new FeatureArena();
    const expected = new Map<number, number[]>();
    for (let round = 0; round < 40; round++) {
      for (let product = 0; product < 3000; product += 1 + (round % 3)) {
        const tokens = Array.from({ length: 1 + ((product + round) % 9) }, (_, i) => product * 10 + i + round);
        arena.set(product, tokens, tokens.map((token) => (token % 4) / 2));
        expected.set(product, tokens);
      }
    }
    for (const [product, tokens] of expected) {
      const seen: Array<[number, number]> = [];
      arena.forEach(product, (token, weight) => seen.push([token, weight]));
      expect(seen).toEqual(tokens.map((token) => [token, (token % 4) / 2]));
      expect([...arena.tokensOf(product)]).toEqual(tokens);
    }
    expect(arena.has(3001)).toBe(false);
    expect(arena.tokensOf(5000).length).toBe(0);
  });
});
