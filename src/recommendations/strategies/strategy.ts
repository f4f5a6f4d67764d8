import type { ProfileState } from '../../profiles/profile-state.js';
import type { Interaction } from '../interaction.js';

export const STRATEGY_NAMES = [
  'viewed_together',
  'bought_together',
  'session_next',
  'trending',
  'best_sellers',
  'similar_items',
  'recently_viewed',
  'for_you',
  'popular',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** What a strategy may use to answer one request. */
export interface RecommendationContext {
  /** Epoch ms: decayed counts are read at this time. */
  now: number;
  /** The shopper's profile; undefined for a shopper Kairos has not seen. */
  profile?: ProfileState;
  /** The products in context: the product page's product, or several. */
  products: readonly string[];
  /** The cart's products. */
  cart: readonly string[];
  /** The category in context, as its path from the root. */
  categoryPath?: readonly string[];
  /** The current session's product clicks, oldest first (repeats kept). */
  sessionItems: readonly string[];
}

/** One recommended item before merchandising: its score within the strategy and why it is there. */
export interface Candidate {
  itemId: string;
  score: number;
  /** One human-readable sentence, e.g. "viewed together with P1 in 42 sessions". */
  reason: string;
}

export interface StrategyResult {
  /** Best first. */
  items: Candidate[];
  /**
   * How much data stands behind the answer, in the strategy's own unit (co-occurring sessions,
   * neighbour sessions, purchases, …): a placement's `minEvidence` compares with it.
   */
  evidence: number;
}

/** A way of choosing products. Strategies never throw on unknown items: they return fewer. */
export interface RecommendationStrategy {
  readonly name: StrategyName;
  recommend(context: RecommendationContext, limit: number): StrategyResult;
}

/** A model kept current from the interaction stream. */
export interface StreamModel {
  observe(interaction: Interaction): void;
}
