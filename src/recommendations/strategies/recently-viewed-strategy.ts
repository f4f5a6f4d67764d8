import { interestIn } from '../../profiles/recently-viewed.js';
import { contextItems, formatCount } from './strategy-helpers.js';
import type { RecommendationContext, RecommendationStrategy, StrategyResult } from './strategy.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * "Pick up where you left off": the products the shopper viewed or carted on any device (the profile
 * holds them once identities merge), by interest — views and cart adds, decayed weekly. Bought ones
 * have already left the list. Evidence is the number of views and adds behind the items.
 */
export function recentlyViewedStrategy(): RecommendationStrategy {
  return {
    name: 'recently_viewed',
    recommend(context: RecommendationContext, limit: number): StrategyResult {
      const viewed = context.profile?.lifetime.recentlyViewed ?? [];
      const exclude = contextItems(context);
      const ranked = viewed
        .filter((entry) => !exclude.has(entry.productId))
        .map((entry) => ({ entry, interest: interestIn(entry, context.now) }))
        .sort((a, b) => b.interest - a.interest || b.entry.lastAt - a.entry.lastAt)
        .slice(0, limit);
      return {
        items: ranked.map(({ entry, interest }) => ({ itemId: entry.productId, score: interest, reason: describe(entry.views, entry.cartAdds, context.now - entry.lastAt) })),
        evidence: ranked.reduce((sum, { entry }) => sum + entry.views + entry.cartAdds, 0),
      };
    },
  };
}

function describe(views: number, cartAdds: number, ageMs: number): string {
  const what = [views > 0 ? `viewed ${formatCount(views)}×` : '', cartAdds > 0 ? `added to cart ${formatCount(cartAdds)}×` : ''].filter(Boolean).join(' and ');
  const days = Math.floor(ageMs / DAY);
  const when = days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  return `you ${what}, last ${when}`;
}
