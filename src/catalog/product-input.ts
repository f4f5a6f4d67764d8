import type { Product, ProductInput } from './product.js';

/**
 * Turns a validated input (a PUT body or a file row) into the product the catalog stores. This is the
 * one place the input rules that a schema cannot express live, so HTTP and imports agree.
 *
 * @example
 * productFromInput('sku-1', { name: 'Trail shoe', categoryPath: 'Shoes > Running', currency: 'eur' })
 * // → { id: 'sku-1', name: 'Trail shoe', categoryPath: ['Shoes', 'Running'], currency: 'EUR', brand: null, … }
 */
export function productFromInput(id: string, input: ProductInput): Product {
  return {
    id,
    name: input.name.trim(),
    categoryPath: normaliseCategoryPath(input.categoryPath),
    brand: input.brand ?? null,
    price: input.price ?? null,
    currency: input.currency == null ? null : input.currency.toUpperCase(),
    inventory: input.inventory ?? null,
    attributes: { ...input.attributes },
    imageUrl: input.imageUrl ?? null,
  };
}

/*
 * Feeds write paths as 'Shoes > Running', 'shoes/running' or 'shoes.running'. One separator is chosen,
 * in that order, so that 'Home > Tools/Hardware' keeps 'Tools/Hardware' as one name.
 */
const SEPARATORS = ['>', '/', '.'];

export function normaliseCategoryPath(categoryPath: string | string[] | undefined): string[] {
  if (categoryPath === undefined) return [];
  const names = Array.isArray(categoryPath) ? categoryPath : splitCategoryPath(categoryPath);
  return names.map((name) => name.trim()).filter((name) => name.length > 0);
}

function splitCategoryPath(path: string): string[] {
  const separator = SEPARATORS.find((candidate) => path.includes(candidate));
  return separator === undefined ? [path] : path.split(separator);
}
