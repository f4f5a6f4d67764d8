import type { Interaction } from '../interaction.js';
import type { RecommendationContext, StrategyResult } from '../strategies/strategy.js';
import type { EvaluatedStrategy } from './evaluated-strategy.js';

/**
 * The evaluation's floor: the items with the most interactions in training, the same list for every
 * query (the literature's POP). The ranking is sorted once after training, on the first query.
 */
export class PopularBaseline implements EvaluatedStrategy {
  readonly name = 'popular';
  private readonly counts = new Map<string, number>();
  private ranking: string[] | undefined;

  observe(interaction: Interaction): void {
    this.counts.set(interaction.itemId, (this.counts.get(interaction.itemId) ?? 0) + 1);
    this.ranking = undefined;
  }

  recommend(context: RecommendationContext, limit: number): StrategyResult {
    this.ranking ??= [...this.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([item]) => item);
    const inCart = new Set(context.cart);
    const items = [];
    for (const itemId of this.ranking) {
      if (items.length === limit) break;
      if (!inCart.has(itemId)) items.push({ itemId, score: this.counts.get(itemId)!, reason: `one of the ${limit} most interacted-with items` });
    }
    return { items, evidence: this.counts.size === 0 ? 0 : this.counts.get(this.ranking[0]!)! };
  }
}
