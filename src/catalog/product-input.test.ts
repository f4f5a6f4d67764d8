import { describe, expect, it } from 'vitest';
import { normaliseCategoryPath, productFromInput } from './product-input.js';

describe('normaliseCategoryPath', () => {
  it.each([
    ['Shoes > Running > Trail', ['Shoes', 'Running', 'Trail']],
    ['Shoes>Running', ['Shoes', 'Running']],
    ['shoes/running', ['shoes', 'running']],
    ['shoes.running', ['shoes', 'running']],
    ['Home > Tools/Hardware', ['Home', 'Tools/Hardware']],
    ['Garden/Dr. Green', ['Garden', 'Dr. Green']],
    ['/Shoes//Running/', ['Shoes', 'Running']],
    ['Shoes', ['Shoes']],
    ['  ', []],
  ])('splits %j into %j', (path, names) => {
    expect(normaliseCategoryPath(path)).toEqual(names);
  });

  it('keeps an array as given, trimmed and without empty names', () => {
    expect(normaliseCategoryPath([' Home/Garden ', '', 'Tools'])).toEqual(['Home/Garden', 'Tools']);
    expect(normaliseCategoryPath(undefined)).toEqual([]);
  });
});

describe('productFromInput', () => {
  it('fills every field, nulls for what was not given, and upper-cases the currency', () => {
    expect(productFromInput('sku-1', { name: ' Shoe ', currency: 'usd' })).toEqual({
      id: 'sku-1',
      name: 'Shoe',
      categoryPath: [],
      brand: null,
      price: null,
      currency: 'USD',
      inventory: null,
      attributes: {},
      imageUrl: null,
    });
  });
});
