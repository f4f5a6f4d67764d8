import { describe, expect, it } from 'vitest';
import { KairosError } from '../../shared/errors.js';
import type { PlacementInput } from './placement.js';
import { placementDefinitionOf } from './placement-input.js';
import { checkPlacement } from './placement-validation.js';

function problemsOf(input: PlacementInput): Array<{ field?: string; problem: string }> {
  try {
    checkPlacement(placementDefinitionOf(input));
    return [];
  } catch (error) {
    if (!(error instanceof KairosError)) throw error;
    expect(error).toMatchObject({ code: 'KAIROS_INVALID_REQUEST', statusCode: 400 });
    return error.details;
  }
}

const chain: PlacementInput['chain'] = [{ strategy: 'viewed_together' }, { strategy: 'similar_items' }];

describe('checkPlacement', () => {
  it('accepts a placement using every rule', () => {
    expect(
      problemsOf({
        count: 4,
        chain,
        rules: {
          blockedCategories: ['Adult'],
          territory: { attribute: 'countries' },
          priceRange: { min: 10, max: 10 },
          boosts: [{ match: { field: 'brand', equals: 'Acme' }, factor: 2 }, { match: { field: 'attributes.color', in: ['red'] }, factor: 0.5 }],
          pins: [{ productId: 'P1', position: 1 }, { productId: 'P2', position: 4 }],
          diversity: { maxPerCategory: 2 },
        },
      }),
    ).toEqual([]);
  });

  it.each<[string, PlacementInput, string, RegExp]>([
    ['a strategy twice', { count: 4, chain: [...chain, { strategy: 'viewed_together' }] }, 'chain.2.strategy', /viewed_together is already chain\.0/],
    ['a pin beyond count', { count: 4, chain, rules: { pins: [{ productId: 'P1', position: 5 }] } }, 'rules.pins.0.position', /at most count \(4\)/],
    ['two pins at one position', { count: 4, chain, rules: { pins: [{ productId: 'P1', position: 2 }, { productId: 'P2', position: 2 }] } }, 'rules.pins.1.position', /already taken by rules\.pins\.0/],
    ['one product pinned twice', { count: 4, chain, rules: { pins: [{ productId: 'P1', position: 1 }, { productId: 'P1', position: 2 }] } }, 'rules.pins.1.productId', /"P1" is already pinned/],
    ['a price range upside down', { count: 4, chain, rules: { priceRange: { min: 50, max: 20 } } }, 'rules.priceRange.min', /not be above rules\.priceRange\.max \(20\)/],
    ['a price range without bounds', { count: 4, chain, rules: { priceRange: {} } }, 'rules.priceRange', /min, max or both/],
    ['diversity without caps', { count: 4, chain, rules: { diversity: {} } }, 'rules.diversity', /maxPerBrand, maxPerCategory or both/],
    ['a match with equals and in', { count: 4, chain, rules: { boosts: [{ match: { field: 'brand', equals: 'A', in: ['B'] }, factor: 2 }] } }, 'rules.boosts.0.match', /both equals and in/],
    ['a match with neither', { count: 4, chain, rules: { boosts: [{ match: { field: 'brand' }, factor: 2 }] } }, 'rules.boosts.0.match', /needs equals or in/],
  ])('refuses %s, naming the field', (_what, input, field, problem) => {
    const problems = problemsOf(input);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.problem).toMatch(problem);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      count: 2,
      chain: [{ strategy: 'trending' }, { strategy: 'trending' }],
      rules: { pins: [{ productId: 'P1', position: 3 }], priceRange: { min: 2, max: 1 } },
    });
    expect(problems.map((problem) => problem.field)).toEqual(['chain.1.strategy', 'rules.priceRange.min', 'rules.pins.0.position']);
  });
});
