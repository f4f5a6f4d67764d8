import type { Interaction } from '../interaction.js';
import type { RecommendationContext, RecommendationStrategy, StrategyResult, StreamModel } from '../strategies/strategy.js';
import type { ScoredItem, SessionNextModel } from './session-next-model.js';

/** A session model that can also say how much data stands behind an answer. */
export interface EvidencedSessionNextModel extends SessionNextModel {
  /** The next items and the neighbour sessions (or rule supports, for rules) behind them. */
  predictWithEvidence(clicks: readonly string[], limit: number): { items: ScoredItem[]; evidence: number };
  /** What the evidence counts, for the reason sentence: "similar sessions", "sessions after this item". */
  readonly evidenceUnit: string;
}

/**
 * `session_next`: what the current session clicks next, from a session model fed the live stream of
 * views and cart adds. It answers from the session's clicks, or from the context products when the
 * session has none yet, and never recommends what is already in the cart.
 *
 * @example
 * const strategy = new SessionNextStrategy(new BlendModel());
 * for (const interaction of stream) strategy.observe(interaction);
 * strategy.recommend({ now, products: [], cart: [], sessionItems: ['P1', 'P2'] }, 10);
 */
export class SessionNextStrategy implements RecommendationStrategy, StreamModel {
  readonly name = 'session_next' as const;

  constructor(private readonly model: EvidencedSessionNextModel) {}

  observe(interaction: Interaction): void {
    // Purchases end a session's browsing rather than continue it; the models learn click sequences.
    if (interaction.kind === 'purchase') return;
    this.model.addClick(interaction.sessionId, interaction.itemId, interaction.at);
  }

  recommend(context: RecommendationContext, limit: number): StrategyResult {
    const clicks = context.sessionItems.length > 0 ? context.sessionItems : context.products;
    if (clicks.length === 0 || limit <= 0) return { items: [], evidence: 0 };
    const inCart = new Set(context.cart);
    const answer = this.model.predictWithEvidence(clicks, limit + inCart.size);
    const reason = `clicked next in ${answer.evidence.toLocaleString('en-US')} ${this.model.evidenceUnit}`;
    const items = answer.items
      .filter((item) => !inCart.has(item.itemId))
      .slice(0, limit)
      .map((item) => ({ itemId: item.itemId, score: item.score, reason }));
    return { items, evidence: items.length === 0 ? 0 : answer.evidence };
  }
}
