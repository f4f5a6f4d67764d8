import { foldText } from './search-text.js';

/** How well a category path matched, and at which level (its index in the path). */
export interface PathMatch {
  strength: number;
  level: number;
}

/**
 * How well a product's category path matches per-category strengths in [0, 1]: the best level, each
 * level counting by its depth (level i of n counts (i+1)/n). A query that led to "Bags" half-matches
 * a product in Bags > Backpacks; one that led to "Handbags" fully matches Bags > Handbags, even when
 * the events only ever named the leaf.
 *
 * @example
 * categoryPathMatch(['Bags', 'Handbags'], (name) => (name === 'bags' ? 1 : 0)) // → { strength: 0.5, level: 0 }
 */
export function categoryPathMatch(path: readonly string[], strengthOf: (foldedName: string) => number): PathMatch {
  let best: PathMatch = { strength: 0, level: -1 };
  path.forEach((name, index) => {
    const strength = (strengthOf(foldText(name)) * (index + 1)) / path.length;
    if (strength > best.strength) best = { strength, level: index };
  });
  return best;
}

/** 1 − Π(1 − xᵢ): independent pieces of evidence in [0, 1] combined, never above 1. */
export function noisyOr(...strengths: number[]): number {
  return 1 - strengths.reduce((none, strength) => none * (1 - Math.min(1, Math.max(0, strength))), 1);
}
