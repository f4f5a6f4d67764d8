import type { Interaction } from '../interaction.js';
import type { RecommendationContext, StrategyResult } from '../strategies/strategy.js';

/**
 * What the offline evaluation needs of a strategy: learn from the training interactions, then answer
 * queries. Every production strategy that is a `StreamModel` fits, under a name telling variants apart.
 */
export interface EvaluatedStrategy {
  name: string;
  observe(interaction: Interaction): void;
  recommend(context: RecommendationContext, limit: number): StrategyResult;
}
