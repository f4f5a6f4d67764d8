import type { FrozenProduct } from '../catalog/product.js';
import { foldText } from './search-text.js';

/** A result's product as the matchers compare it: names folded once per request, not once per signal. */
export interface ProductFacts {
  id: string;
  /** The catalog's names, for the reasons. */
  categoryPath: readonly string[];
  brand: string | null;
  /** The same, through foldText. */
  foldedPath: readonly string[];
  foldedBrand: string | null;
}

export function productFacts(product: FrozenProduct): ProductFacts {
  return {
    id: product.id,
    categoryPath: product.categoryPath,
    brand: product.brand,
    foldedPath: product.categoryPath.map(foldText),
    foldedBrand: product.brand === null ? null : foldText(product.brand),
  };
}

/** How well a category path matched, and at which level (its index in the path). */
export interface PathMatch {
  strength: number;
  level: number;
}

/**
 * How well a product's (folded) category path matches per-category strengths in [0, 1]: the best level, each
 * level counting by its depth (level i of n counts (i+1)/n). A query that led to "Bags" half-matches
 * a product in Bags > Backpacks; one that led to "Handbags" fully matches Bags > Handbags, even when
 * the events only ever named the leaf.
 *
 * @example
 * categoryPathMatch(['bags', 'handbags'], (name) => (name === 'bags' ? 1 : 0)) // → { strength: 0.5, level: 0 }
 */
export function categoryPathMatch(foldedPath: readonly string[], strengthOf: (foldedName: string) => number): PathMatch {
  let best: PathMatch = { strength: 0, level: -1 };
  foldedPath.forEach((name, index) => {
    const strength = (strengthOf(name) * (index + 1)) / foldedPath.length;
    if (strength > best.strength) best = { strength, level: index };
  });
  return best;
}

/** 1 − Π(1 − xᵢ): independent pieces of evidence in [0, 1] combined, never above 1. */
export function noisyOr(...strengths: number[]): number {
  return 1 - strengths.reduce((none, strength) => none * (1 - Math.min(1, Math.max(0, strength))), 1);
}
