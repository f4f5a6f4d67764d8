import { normaliseCategoryPath } from '../../catalog/product-input.js';
import { interestIn } from '../../profiles/recently-viewed.js';
import type { CoOccurrence } from '../models/co-occurrence.js';
import type { ItemIds } from '../models/item-ids.js';
import type { RankedItems } from '../models/ranked-items.js';
import { contextItems, leafCategory, topCategories } from './strategy-helpers.js';
import type { Candidate, RecommendationContext, RecommendationStrategy, StrategyResult } from './strategy.js';

/** The shopper's most interesting viewed products asked about, and top categories drawn from. */
const SEED_PRODUCTS = 5;
const SEED_CATEGORIES = 3;

interface ForYouOptions {
  items: ItemIds;
  viewedTogether: CoOccurrence;
  bestSellers: RankedItems;
}

/**
 * For the individual: what others viewed with the products this shopper cared about most (by
 * interest), then best sellers of the shopper's strongest categories. Nothing for a shopper without
 * history — the chain's next strategy answers. The placement's personal re-ranking orders the rest.
 */
export function forYouStrategy(options: ForYouOptions): RecommendationStrategy {
  return {
    name: 'for_you',
    recommend(context: RecommendationContext, limit: number): StrategyResult {
      const profile = context.profile;
      if (!profile) return { items: [], evidence: 0 };
      const exclude = contextItems(context);
      for (const entry of profile.lifetime.recentlyViewed ?? []) exclude.add(entry.productId);
      const picked = new Map<string, Candidate>();
      let evidence = 0;

      const seeds = [...(profile.lifetime.recentlyViewed ?? [])].sort((a, b) => interestIn(b, context.now) - interestIn(a, context.now)).slice(0, SEED_PRODUCTS);
      const seedIndices = seeds.map((seed) => options.items.find(seed.productId)).filter((index): index is number => index !== undefined);
      const excludedIndices = new Set([...exclude].map((id) => options.items.find(id)).filter((index): index is number => index !== undefined));
      for (const related of options.viewedTogether.related(seedIndices, limit, excludedIndices)) {
        const itemId = options.items.idOf(related.index);
        evidence += related.support;
        picked.set(itemId, { itemId, score: 1 + related.score, reason: `goes with products you viewed (${related.support} shared sessions)` });
      }

      const categories = topCategories(profile, context.now, SEED_CATEGORIES).map((name) => leafCategory(normaliseCategoryPath(name)));
      categories.forEach((category, rank) => {
        if (category === undefined) return;
        for (const itemId of options.bestSellers.top(context.now, category).slice(0, limit)) {
          if (exclude.has(itemId) || picked.has(itemId)) continue;
          evidence += 1;
          picked.set(itemId, { itemId, score: 1 / (2 + rank), reason: `a best seller in ${category}, one of your favourite categories` });
        }
      });
      const items = [...picked.values()].sort((a, b) => b.score - a.score).slice(0, limit);
      return { items, evidence: items.length === 0 ? 0 : evidence };
    },
  };
}
