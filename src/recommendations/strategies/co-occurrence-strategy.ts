import type { CoOccurrence } from '../models/co-occurrence.js';
import type { ItemIds } from '../models/item-ids.js';
import { contextItems, formatCount } from './strategy-helpers.js';
import type { RecommendationContext, RecommendationStrategy, StrategyName, StrategyResult } from './strategy.js';

interface CoOccurrenceStrategyOptions {
  name: Extract<StrategyName, 'viewed_together' | 'bought_together'>;
  model: CoOccurrence;
  items: ItemIds;
  /** The items the request asks about. */
  query: (context: RecommendationContext) => readonly string[];
  /** "viewed in the same session as", "bought with" … */
  relation: string;
  /** What one unit of support is: "sessions", "baskets". */
  unit: string;
}

/**
 * Item-to-item recommendations from co-occurrence counts, with the whole query (the cart, the
 * products in context) summed, so "complete the outfit" answers for the cart and not its last item.
 * Evidence is the number of co-occurrences behind the items returned.
 */
export function coOccurrenceStrategy(options: CoOccurrenceStrategyOptions): RecommendationStrategy {
  return {
    name: options.name,
    recommend(context: RecommendationContext, limit: number): StrategyResult {
      const queryIds = options.query(context);
      const query = queryIds.map((id) => options.items.find(id)).filter((index): index is number => index !== undefined);
      if (query.length === 0) return { items: [], evidence: 0 };
      const exclude = new Set<number>();
      for (const id of contextItems(context)) {
        const index = options.items.find(id);
        if (index !== undefined) exclude.add(index);
      }
      const subject = queryIds.length === 1 ? 'this product' : `these ${queryIds.length} products`;
      const related = options.model.related(query, limit, exclude);
      return {
        items: related.map((item) => ({
          itemId: options.items.idOf(item.index),
          score: item.score,
          reason: `${options.relation} ${subject} in ${formatCount(item.support)} ${options.unit}`,
        })),
        evidence: related.reduce((sum, item) => sum + item.support, 0),
      };
    },
  };
}

/** Viewed together asks about the products in context, else the session's latest clicks, else the cart. */
export function viewedTogetherQuery(context: RecommendationContext): readonly string[] {
  if (context.products.length > 0) return context.products;
  if (context.sessionItems.length > 0) return [...new Set(context.sessionItems.slice(-3))];
  return context.cart;
}

/** Bought together asks about the whole cart, else the products in context. */
export function boughtTogetherQuery(context: RecommendationContext): readonly string[] {
  return context.cart.length > 0 ? context.cart : context.products;
}
