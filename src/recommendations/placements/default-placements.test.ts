import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLACEMENTS, NAMED_PLACEMENT_IDS } from './default-placements.js';
import { PlacementDefinitionSchema } from './placement.js';
import { checkPlacement } from './placement-validation.js';

describe('the named placements’ defaults', () => {
  const definitionCheck = TypeCompiler.Compile(PlacementDefinitionSchema);

  it.each(NAMED_PLACEMENT_IDS)('%s is a valid, complete placement', (id) => {
    const placement = DEFAULT_PLACEMENTS[id];
    expect([...definitionCheck.Errors(placement)]).toEqual([]);
    expect(() => checkPlacement(placement)).not.toThrow();
  });

  it('chains the strategies a retailer expects on each page', () => {
    const chains = Object.fromEntries(NAMED_PLACEMENT_IDS.map((id) => [id, DEFAULT_PLACEMENTS[id].chain.map((step) => step.strategy)]));
    expect(chains).toEqual({
      home: ['for_you', 'recently_viewed', 'trending'],
      category: ['best_sellers', 'trending'],
      product: ['viewed_together', 'similar_items', 'best_sellers'],
      cart: ['bought_together', 'viewed_together'],
      email: ['for_you', 'recently_viewed', 'best_sellers'],
      search: ['session_next', 'for_you', 'trending'],
      store: ['for_you', 'best_sellers'],
    });
  });

  it('leaves out what is out of stock and what was bought in the last year, except consumables', () => {
    for (const id of NAMED_PLACEMENT_IDS) {
      expect(DEFAULT_PLACEMENTS[id].rules).toMatchObject({
        excludeOutOfStock: true,
        excludeBought: { withinDays: 365, exceptCategories: [], exceptAttribute: 'consumable' },
      });
    }
  });
});
