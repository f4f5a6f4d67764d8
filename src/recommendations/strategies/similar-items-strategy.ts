import type { ContentIndex } from '../models/content-index.js';
import { contextItems } from './strategy-helpers.js';
import type { RecommendationContext, RecommendationStrategy, StrategyResult } from './strategy.js';

/**
 * Content-based: products like the one in context (else the session's latest click, else the first
 * cart item) by catalog features. Evidence is the number of similar products found: it needs no
 * shopper ever to have seen them, which is what new and long-tail items need.
 */
export function similarItemsStrategy(content: ContentIndex): RecommendationStrategy {
  return {
    name: 'similar_items',
    recommend(context: RecommendationContext, limit: number): StrategyResult {
      const subject = context.products[0] ?? context.sessionItems[context.sessionItems.length - 1] ?? context.cart[0];
      if (subject === undefined) return { items: [], evidence: 0 };
      const similar = content.similar(subject, limit, contextItems(context));
      return {
        items: similar.map((item) => ({ itemId: item.itemId, score: item.score, reason: `similar to ${subject}: ${item.shared.join(', ')}` })),
        evidence: similar.length,
      };
    },
  };
}
