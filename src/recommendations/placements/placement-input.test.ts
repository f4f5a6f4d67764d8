import { describe, expect, it } from 'vitest';
import { placementDefinitionOf } from './placement-input.js';
import { effectiveChain } from './placement.js';

describe('placementDefinitionOf', () => {
  it('fills every field a PUT leaves out with its documented default', () => {
    expect(placementDefinitionOf({ count: 5, chain: [{ strategy: 'trending' }] })).toEqual({
      count: 5,
      chain: [{ strategy: 'trending', minEvidence: 1 }],
      fallbackToPopular: true,
      personalize: { weight: 1 },
      rules: {
        excludeOutOfStock: true,
        excludeBought: { withinDays: 365, exceptCategories: [], exceptAttribute: 'consumable' },
        blockedCategories: [],
        territory: null,
        priceRange: null,
        boosts: [],
        pins: [],
        diversity: null,
      },
    });
  });

  it('keeps what is given; null turns a rule off; a partial excludeBought keeps the other defaults', () => {
    const definition = placementDefinitionOf({
      description: 'Gifts',
      count: 3,
      chain: [{ strategy: 'best_sellers', minEvidence: 5, maxItems: 2 }],
      fallbackToPopular: false,
      personalize: null,
      rules: { excludeOutOfStock: false, excludeBought: { withinDays: 30 }, diversity: { maxPerBrand: 1 } },
    });
    expect(definition).toMatchObject({
      description: 'Gifts',
      chain: [{ strategy: 'best_sellers', minEvidence: 5, maxItems: 2 }],
      fallbackToPopular: false,
      personalize: null,
      rules: { excludeOutOfStock: false, excludeBought: { withinDays: 30, exceptCategories: [], exceptAttribute: 'consumable' }, diversity: { maxPerBrand: 1 } },
    });
    expect(placementDefinitionOf({ count: 3, chain: [{ strategy: 'trending' }], rules: { excludeBought: null } }).rules.excludeBought).toBeNull();
  });
});

describe('effectiveChain', () => {
  const definition = placementDefinitionOf({ count: 3, chain: [{ strategy: 'trending' }] });

  it('ends with popular, which needs no evidence', () => {
    expect(effectiveChain(definition)).toEqual([
      { strategy: 'trending', minEvidence: 1 },
      { strategy: 'popular', minEvidence: 0 },
    ]);
  });

  it('does not add popular when the chain has it or fallbackToPopular is false', () => {
    const withPopular = placementDefinitionOf({ count: 3, chain: [{ strategy: 'popular', maxItems: 1 }, { strategy: 'trending' }] });
    expect(effectiveChain(withPopular).map((step) => step.strategy)).toEqual(['popular', 'trending']);
    expect(effectiveChain({ ...definition, fallbackToPopular: false }).map((step) => step.strategy)).toEqual(['trending']);
  });
});
