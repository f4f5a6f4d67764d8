import type { AttributeValue, FrozenProduct } from '../../catalog/product.js';
import type { AttributeMatch } from './placement.js';

/**
 * How merchandising rules read a product. Categories match at any level of the path and values compare
 * as text, case-insensitively: a merchandiser writes "shoes" for "Shoes", and a CSV feed gives `true`
 * and `42` as the text "true" and "42", so the rule should not care which the feed sent.
 */
export function inAnyCategory(product: FrozenProduct, categories: readonly string[]): boolean {
  if (categories.length === 0) return false;
  const wanted = new Set(categories.map(normalized));
  return product.categoryPath.some((level) => wanted.has(normalized(level)));
}

export function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  return normalized(a) === normalized(b);
}

/** Whether a boost's match applies: an unknown product matches nothing. */
export function matches(product: FrozenProduct | undefined, match: AttributeMatch): boolean {
  if (product === undefined) return false;
  const wanted = match.in ?? (match.equals === undefined ? [] : [match.equals]);
  return valuesOf(product, match.field).some((value) => wanted.some((candidate) => sameValue(value, candidate)));
}

function valuesOf(product: FrozenProduct, field: AttributeMatch['field']): readonly AttributeValue[] {
  if (field === 'brand') return product.brand === null ? [] : [product.brand];
  if (field === 'category') return product.categoryPath;
  const value = product.attributes[field.slice('attributes.'.length)];
  return value === undefined ? [] : [value];
}

function normalized(value: AttributeValue): string {
  return String(value).trim().toLowerCase();
}
