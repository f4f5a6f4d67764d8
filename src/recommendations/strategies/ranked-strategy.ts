import type { RankedItems } from '../models/ranked-items.js';
import { contextItems, formatCount } from './strategy-helpers.js';
import type { RecommendationContext, RecommendationStrategy, StrategyName, StrategyResult } from './strategy.js';

interface RankedStrategyOptions {
  name: Extract<StrategyName, 'trending' | 'best_sellers' | 'popular'>;
  ranking: RankedItems;
  /** The item's count at `now`, for its score and reason. */
  valueOf: (itemId: string, now: number) => number;
  /** The category to rank within for this request, if any. */
  category: (context: RecommendationContext) => string | undefined;
  /** "trending now", "best seller" … followed by the category and the count's description. */
  describe: (value: string, category: string | undefined) => string;
}

/**
 * Items ranked by a count — trending (decayed activity), best sellers (decayed sales), popular (all
 * activity) — overall or within a category. Evidence is the count summed over the items returned.
 */
export function rankedStrategy(options: RankedStrategyOptions): RecommendationStrategy {
  return {
    name: options.name,
    recommend(context: RecommendationContext, limit: number): StrategyResult {
      const category = options.category(context);
      const exclude = contextItems(context);
      const items = [];
      let evidence = 0;
      for (const itemId of options.ranking.top(context.now, category)) {
        if (exclude.has(itemId)) continue;
        const value = options.valueOf(itemId, context.now);
        if (value <= 0) break;
        evidence += value;
        items.push({ itemId, score: value, reason: options.describe(formatCount(round(value)), category) });
        if (items.length >= limit) break;
      }
      return { items, evidence };
    },
  };
}

function round(value: number): number {
  return value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
}
