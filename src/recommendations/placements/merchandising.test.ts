import { describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../catalog/product.js';
import { DEFAULT_RULES } from './default-placements.js';
import { arrange, filterReason, PINNED_REASON, type ChainItem, type FilterFacts } from './merchandising.js';
import type { MerchandisingRules } from './placement.js';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
const facts: FilterFacts = { purchased: new Map(), now: NOW };
const noRules: MerchandisingRules = { ...DEFAULT_RULES, excludeOutOfStock: false, excludeBought: null };

function product(id: string, overrides: Partial<StoredProduct> = {}): StoredProduct {
  return { id, name: id, categoryPath: ['Shoes', 'Running'], brand: 'Acme', price: 50, currency: 'EUR', inventory: null, attributes: {}, imageUrl: null, updatedAt: 0, ...overrides };
}
const catalog = (...products: StoredProduct[]) => new Map(products.map((p) => [p.id, p]));
const item = (itemId: string, score: number, strategy: ChainItem['strategy'] = 'viewed_together'): ChainItem => ({ itemId, score, strategy, reason: `${strategy} ${itemId}` });
const ids = (items: Array<{ itemId: string }>) => items.map((arranged) => arranged.itemId);

describe('filterReason', () => {
  it('lets a product through when no rule applies', () => {
    expect(filterReason(product('P1'), 'P1', DEFAULT_RULES, facts)).toBeUndefined();
  });

  it('removes what is out of stock; untracked stock (null) is in stock', () => {
    expect(filterReason(product('P1', { inventory: 0 }), 'P1', DEFAULT_RULES, facts)).toBe('out_of_stock');
    expect(filterReason(product('P1', { inventory: 1 }), 'P1', DEFAULT_RULES, facts)).toBeUndefined();
    expect(filterReason(product('P1', { inventory: null }), 'P1', DEFAULT_RULES, facts)).toBeUndefined();
    expect(filterReason(product('P1', { inventory: 0 }), 'P1', { ...DEFAULT_RULES, excludeOutOfStock: false }, facts)).toBeUndefined();
  });

  describe('already bought', () => {
    const boughtDaysAgo = (days: number): FilterFacts => ({ purchased: new Map([['P1', NOW - days * DAY]]), now: NOW });

    it('removes what was bought within the window, not before it', () => {
      expect(filterReason(product('P1'), 'P1', DEFAULT_RULES, boughtDaysAgo(365))).toBe('already_bought');
      expect(filterReason(product('P1'), 'P1', DEFAULT_RULES, boughtDaysAgo(366))).toBeUndefined();
      expect(filterReason(product('P2'), 'P2', DEFAULT_RULES, boughtDaysAgo(1))).toBeUndefined();
      expect(filterReason(product('P1'), 'P1', { ...DEFAULT_RULES, excludeBought: null }, boughtDaysAgo(1))).toBeUndefined();
    });

    it('recommends consumables again: by the attribute (true or "true") or by a category at any level', () => {
      expect(filterReason(product('P1', { attributes: { consumable: true } }), 'P1', DEFAULT_RULES, boughtDaysAgo(1))).toBeUndefined();
      expect(filterReason(product('P1', { attributes: { consumable: 'TRUE' } }), 'P1', DEFAULT_RULES, boughtDaysAgo(1))).toBeUndefined();
      expect(filterReason(product('P1', { attributes: { consumable: false } }), 'P1', DEFAULT_RULES, boughtDaysAgo(1))).toBe('already_bought');
      const byCategory: MerchandisingRules = { ...DEFAULT_RULES, excludeBought: { withinDays: 30, exceptCategories: ['shoes'], exceptAttribute: null } };
      expect(filterReason(product('P1'), 'P1', byCategory, boughtDaysAgo(1))).toBeUndefined();
      expect(filterReason(product('P1', { categoryPath: ['Hats'], attributes: { consumable: true } }), 'P1', byCategory, boughtDaysAgo(1))).toBe('already_bought');
    });

    it('removes a bought product the catalog does not know: nothing says it is a consumable', () => {
      expect(filterReason(undefined, 'P1', DEFAULT_RULES, boughtDaysAgo(1))).toBe('already_bought');
    });
  });

  it('removes blocked categories at any level of the path, case-insensitively', () => {
    const rules = { ...DEFAULT_RULES, blockedCategories: ['running'] };
    expect(filterReason(product('P1'), 'P1', rules, facts)).toBe('blocked_category');
    expect(filterReason(product('P1', { categoryPath: ['Hats'] }), 'P1', rules, facts)).toBeUndefined();
  });

  it('removes a product not sold in the shopper’s country; without the attribute or a known country, nothing is removed', () => {
    const rules = { ...DEFAULT_RULES, territory: { attribute: 'countries' } };
    const inUs = { ...facts, country: 'us' };
    expect(filterReason(product('P1', { attributes: { countries: 'CA,MX' } }), 'P1', rules, inUs)).toBe('territory');
    expect(filterReason(product('P1', { attributes: { countries: 'CA, US' } }), 'P1', rules, inUs)).toBeUndefined();
    expect(filterReason(product('P1', { attributes: { countries: 'ca us' } }), 'P1', rules, inUs)).toBeUndefined();
    expect(filterReason(product('P1'), 'P1', rules, inUs)).toBeUndefined();
    expect(filterReason(product('P1', { attributes: { countries: 'CA' } }), 'P1', rules, facts)).toBeUndefined();
  });

  it('keeps prices within the range, bounds included, and removes products without a price', () => {
    const rules = { ...DEFAULT_RULES, priceRange: { min: 20, max: 50 } };
    expect(filterReason(product('P1', { price: 50 }), 'P1', rules, facts)).toBeUndefined();
    expect(filterReason(product('P1', { price: 20 }), 'P1', rules, facts)).toBeUndefined();
    expect(filterReason(product('P1', { price: 51 }), 'P1', rules, facts)).toBe('price_range');
    expect(filterReason(product('P1', { price: 19.99 }), 'P1', { ...rules, priceRange: { min: 20 } }, facts)).toBe('price_range');
    expect(filterReason(product('P1', { price: null }), 'P1', rules, facts)).toBe('price_range');
  });

  it('lets a product the catalog does not know through every filter but a price range', () => {
    const everything: MerchandisingRules = { ...DEFAULT_RULES, blockedCategories: ['Shoes'], territory: { attribute: 'countries' } };
    expect(filterReason(undefined, 'P9', everything, { ...facts, country: 'US' })).toBeUndefined();
    expect(filterReason(undefined, 'P9', { ...everything, priceRange: { max: 100 } }, facts)).toBe('price_range');
  });

  it('names the first rule that applies', () => {
    const rules = { ...DEFAULT_RULES, blockedCategories: ['Shoes'], priceRange: { max: 10 } };
    expect(filterReason(product('P1', { inventory: 0 }), 'P1', rules, facts)).toBe('out_of_stock');
    expect(filterReason(product('P1'), 'P1', rules, facts)).toBe('blocked_category');
  });
});

describe('arrange', () => {
  const products = catalog(
    product('A1', { brand: 'Acme', categoryPath: ['Shoes', 'Running'] }),
    product('A2', { brand: 'Acme', categoryPath: ['Shoes', 'Trail'] }),
    product('A3', { brand: 'acme', categoryPath: ['Shoes', 'Running'] }),
    product('B1', { brand: 'Bolt', categoryPath: ['Shoes', 'running'] }),
    product('B2', { brand: 'Bolt', categoryPath: ['Socks'], attributes: { organic: true } }),
    product('PIN', { brand: 'Pinned Co', categoryPath: ['Gifts'] }),
    product('SOLD-OUT', { inventory: 0 }),
  );

  it('keeps the chain’s order and numbers the positions', () => {
    const arranged = arrange([item('A1', 0.9), item('A2', 0.5), item('B1', 7, 'trending')], products, noRules, 10, facts);
    expect(arranged).toEqual([
      { itemId: 'A1', score: 0.9, strategy: 'viewed_together', reason: 'viewed_together A1', position: 1 },
      { itemId: 'A2', score: 0.5, strategy: 'viewed_together', reason: 'viewed_together A2', position: 2 },
      { itemId: 'B1', score: 7, strategy: 'trending', reason: 'trending B1', position: 3 },
    ]);
  });

  it('cuts to count, and keeps a product proposed by two steps with the first', () => {
    const arranged = arrange([item('A1', 0.9), item('A2', 0.5), item('A1', 9, 'trending'), item('B1', 7, 'trending')], products, noRules, 2, facts);
    expect(arranged.map((a) => [a.itemId, a.strategy])).toEqual([['A1', 'viewed_together'], ['A2', 'viewed_together']]);
    expect(ids(arrange([item('A1', 0.9), item('A2', 0.5), item('A1', 9, 'trending'), item('B1', 7, 'trending')], products, noRules, 10, facts))).toEqual(['A1', 'A2', 'B1']);
  });

  it('boosts and buries within a step by the multiplied score; a boost never jumps ahead of an earlier step', () => {
    const rules: MerchandisingRules = {
      ...noRules,
      boosts: [
        { match: { field: 'brand', equals: 'bolt' }, factor: 3 },
        { match: { field: 'attributes.organic', equals: true }, factor: 2 },
        { match: { field: 'category', equals: 'Trail' }, factor: 0.1 },
      ],
    };
    const arranged = arrange([item('A1', 0.9), item('A2', 0.8), item('B1', 0.4), item('A3', 5, 'trending'), item('B2', 1, 'trending')], products, rules, 10, facts);
    expect(arranged.map((a) => [a.itemId, a.score, a.boostedBy])).toEqual([
      ['B1', expect.closeTo(1.2), 3],
      ['A1', 0.9, undefined],
      ['A2', expect.closeTo(0.08), 0.1],
      ['B2', 6, 6],
      ['A3', 5, undefined],
    ]);
  });

  it('skips an item over a diversity cap for the next one, and returns fewer when the caps leave too few', () => {
    const candidates = [item('A1', 0.9), item('A3', 0.8), item('A2', 0.7), item('B1', 0.6), item('B2', 0.5)];
    expect(ids(arrange(candidates, products, { ...noRules, diversity: { maxPerBrand: 1 } }, 3, facts))).toEqual(['A1', 'B1']);
    expect(ids(arrange(candidates, products, { ...noRules, diversity: { maxPerCategory: 1 } }, 4, facts))).toEqual(['A1', 'A2', 'B2']);
    expect(ids(arrange(candidates, products, { ...noRules, diversity: { maxPerBrand: 2, maxPerCategory: 2 } }, 5, facts))).toEqual(['A1', 'A3', 'B2']);
  });

  it('puts a pin at its position even when no strategy proposed it', () => {
    const rules = { ...noRules, pins: [{ productId: 'PIN', position: 2 }] };
    const arranged = arrange([item('A1', 0.9), item('A2', 0.5), item('B1', 0.4)], products, rules, 3, facts);
    expect(arranged).toEqual([
      expect.objectContaining({ itemId: 'A1', position: 1 }),
      { itemId: 'PIN', score: 0, strategy: null, reason: PINNED_REASON, pinned: true, position: 2 },
      expect.objectContaining({ itemId: 'A2', position: 3 }),
    ]);
  });

  it('places a pinned product that is also a candidate once, at the pin, with the strategy’s reason', () => {
    const rules = { ...noRules, pins: [{ productId: 'B1', position: 1 }] };
    const arranged = arrange([item('A1', 0.9), item('B1', 0.4)], products, rules, 3, facts);
    expect(arranged).toEqual([
      { itemId: 'B1', score: 0.4, strategy: 'viewed_together', reason: 'viewed_together B1', pinned: true, position: 1 },
      expect.objectContaining({ itemId: 'A1', position: 2 }),
    ]);
  });

  it('does not place a pin that fails a filter, is not in the catalog, or lies beyond the count', () => {
    const rules: MerchandisingRules = {
      ...DEFAULT_RULES,
      pins: [{ productId: 'SOLD-OUT', position: 1 }, { productId: 'GHOST', position: 2 }, { productId: 'PIN', position: 3 }],
    };
    expect(ids(arrange([item('A1', 0.9), item('A2', 0.5)], products, rules, 2, facts))).toEqual(['A1', 'A2']);
    expect(ids(arrange([item('A1', 0.9)], products, rules, 3, { ...facts, purchased: new Map([['PIN', NOW - DAY]]) }))).toEqual(['A1']);
  });

  it('closes the list with a pin whose position the candidates do not reach', () => {
    const rules = { ...noRules, pins: [{ productId: 'PIN', position: 5 }] };
    expect(arrange([item('A1', 0.9)], products, rules, 5, facts).map((a) => [a.itemId, a.position])).toEqual([['A1', 1], ['PIN', 2]]);
  });

  it('places pins over a diversity cap, and counts them towards it', () => {
    const rules: MerchandisingRules = { ...noRules, diversity: { maxPerBrand: 1 }, pins: [{ productId: 'A2', position: 3 }, { productId: 'A3', position: 4 }] };
    const arranged = arrange([item('A1', 0.9), item('B1', 0.8), item('B2', 0.7)], products, rules, 4, facts);
    // Acme is full with its two pins, so A1 is skipped; Bolt is full after B1, so B2 is too: the pins close the list.
    expect(arranged.map((a) => [a.itemId, a.pinned ?? false])).toEqual([['B1', false], ['A2', true], ['A3', true]]);
  });

  it('returns nothing when the rules removed every candidate and every pin', () => {
    const rules: MerchandisingRules = { ...DEFAULT_RULES, blockedCategories: ['Shoes', 'Socks', 'Gifts'], pins: [{ productId: 'PIN', position: 1 }] };
    const candidates = [item('A1', 0.9), item('B2', 0.5)].filter((candidate) => filterReason(products.get(candidate.itemId), candidate.itemId, rules, facts) === undefined);
    expect(arrange(candidates, products, rules, 4, facts)).toEqual([]);
  });
});
