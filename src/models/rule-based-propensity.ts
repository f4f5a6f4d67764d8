import type { LifetimeState, SessionState } from '../profiles/profile-state.js';

/** What labels the estimate wherever it is shown, so nobody mistakes it for a trained model. */
export const RULE_BASED_PROPENSITY_MODEL = 'rule_based';

/**
 * A stand-in for the purchase-propensity model of the prediction issue: a hand-set logistic score over
 * the session's engagement (product views, time on product pages, cart adds, searches) and the
 * customer's history (a returning visitor, earlier orders). It is not trained and not calibrated; it
 * only ranks sessions sensibly, so propensity-band triggers can be built and tested before the model
 * exists. Weights: a cart add matters most, then an earlier order, then minutes on product pages.
 */
export function ruleBasedPurchaseProbability(session: SessionState, lifetime: Pick<LifetimeState, 'orders'>): number {
  const score =
    -4 +
    0.9 * Math.min(session.cartAdds, 3) +
    0.8 * (lifetime.orders > 0 ? 1 : 0) +
    0.3 * Math.min(session.productDwellMs / 60_000, 5) +
    0.25 * Math.min(session.productViews, 10) +
    0.2 * Math.min(session.searches, 3) +
    0.5 * (session.firstVisit ? 0 : 1) -
    3 * Math.min(session.purchases, 1);
  return Math.round((1 / (1 + Math.exp(-score))) * 1e4) / 1e4;
}
