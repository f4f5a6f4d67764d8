/**
 * The re-ranking formula's constants (docs/recommendations.md, "Search personalization"):
 *   score = prior + VOCABULARY·vocabularyMatch + AFFINITY·affinityMatch + SESSION·sessionMatch
 * with the prior and every match in [0, 1]. The prior carries the engine's relevance, so the shopper
 * signals reorder items the engine found close, and move a strongly matching item a few places up,
 * not from the bottom of 500 to the top.
 */
export const RERANK_WEIGHTS = { vocabulary: 0.6, affinity: 0.3, session: 0.3 } as const;

/** The rank prior halves this many places down the engine's list: 1 / (1 + rank / RANK_HALF). */
export const RANK_HALF = 10;

/**
 * Added to a key's total choices before taking a share: weight / (total + prior). One click is a hint
 * (1/3), ten clicks all on one category are nearly certain (10/12).
 */
export const VOCABULARY_CONFIDENCE_PRIOR = 2;

/** A brand a query led to counts half a category: shoppers searching "purse" chose Acme, but also Acme's wallets. */
export const BRAND_FACTOR = 0.5;

/** Added to a profile's strongest affinity before normalising: a first view is a hint (1/4), not a habit. */
export const AFFINITY_CONFIDENCE_PRIOR = 3;

/** A category of the current session counts this much of a product seen in it. */
export const SESSION_CATEGORY_FACTOR = 0.6;

/** A signal adding less than this to an item's score is not given as a reason. */
export const MIN_REASON_CONTRIBUTION = 0.02;
