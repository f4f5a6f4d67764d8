import { describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../catalog/product.js';
import { inAnyCategory, matches } from './product-match.js';

const shoe: StoredProduct = {
  id: 'P1',
  name: 'Trail runner',
  categoryPath: ['Shoes', 'Running', 'Trail'],
  brand: 'Acme',
  price: 120,
  currency: 'EUR',
  inventory: 3,
  attributes: { organic: 'true', size: 42, waterproof: true },
  imageUrl: null,
  updatedAt: 0,
};

describe('product matching', () => {
  it('finds a category at any level of the path, case-insensitively', () => {
    expect(inAnyCategory(shoe, ['running'])).toBe(true);
    expect(inAnyCategory(shoe, ['SHOES'])).toBe(true);
    expect(inAnyCategory(shoe, ['Trail running', 'Hats'])).toBe(false);
    expect(inAnyCategory(shoe, [])).toBe(false);
  });

  it('matches brand, category and attributes, comparing values as text so a CSV feed’s "true" is true', () => {
    expect(matches(shoe, { field: 'brand', equals: 'ACME' })).toBe(true);
    expect(matches(shoe, { field: 'category', in: ['Hats', 'trail'] })).toBe(true);
    expect(matches(shoe, { field: 'attributes.organic', equals: true })).toBe(true);
    expect(matches(shoe, { field: 'attributes.size', in: ['42', 43] })).toBe(true);
    expect(matches(shoe, { field: 'attributes.waterproof', equals: 'TRUE' })).toBe(true);
    expect(matches(shoe, { field: 'attributes.colour', equals: 'red' })).toBe(false);
    expect(matches({ ...shoe, brand: null }, { field: 'brand', equals: 'Acme' })).toBe(false);
  });

  it('matches nothing for a product the catalog does not know', () => {
    expect(matches(undefined, { field: 'brand', equals: 'Acme' })).toBe(false);
  });
});
