import type { MerchandisingRules, PlacementDefinition } from './placement.js';

/**
 * The documented defaults (docs/recommendations.md, "Placements and merchandising"): what a field of a
 * placement is when a PUT leaves it out, and the seven named placements a store has before anyone
 * configures them. Changing a value here changes every placement that was never overridden.
 */
export const DEFAULT_MIN_EVIDENCE = 1;
export const DEFAULT_PERSONALIZE: NonNullable<PlacementDefinition['personalize']> = { weight: 1 };

/** Consumables (attribute `consumable: true`) come back; anything else bought in the last year does not. */
export const DEFAULT_EXCLUDE_BOUGHT: NonNullable<MerchandisingRules['excludeBought']> = { withinDays: 365, exceptCategories: [], exceptAttribute: 'consumable' };

export const DEFAULT_RULES: MerchandisingRules = {
  excludeOutOfStock: true,
  excludeBought: DEFAULT_EXCLUDE_BOUGHT,
  blockedCategories: [],
  territory: null,
  priceRange: null,
  boosts: [],
  pins: [],
  diversity: null,
};

/** The named placements, in the order they are listed. */
export const NAMED_PLACEMENT_IDS = ['home', 'category', 'product', 'cart', 'email', 'search', 'store'] as const;
export type NamedPlacementId = (typeof NAMED_PLACEMENT_IDS)[number];

export function isNamedPlacement(id: string): id is NamedPlacementId {
  return (NAMED_PLACEMENT_IDS as readonly string[]).includes(id);
}

/*
 * Co-occurrence steps ask for 2 sessions (or orders) of evidence: one shared session is as often chance
 * as affinity, and the next step answers better than a coincidence.
 */
export const DEFAULT_PLACEMENTS: Readonly<Record<NamedPlacementId, PlacementDefinition>> = {
  home: {
    description: 'Home page: what this shopper is likely to want, what they looked at lately, then what is hot now',
    count: 12,
    chain: [{ strategy: 'for_you', minEvidence: 1 }, { strategy: 'recently_viewed', minEvidence: 1, maxItems: 4 }, { strategy: 'trending', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 1 },
    rules: { ...DEFAULT_RULES, diversity: { maxPerCategory: 3 } },
  },
  category: {
    description: 'Category page: the best sellers of the category, then what is trending',
    count: 12,
    chain: [{ strategy: 'best_sellers', minEvidence: 1 }, { strategy: 'trending', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 0.5 },
    rules: { ...DEFAULT_RULES, diversity: { maxPerBrand: 3 } },
  },
  product: {
    description: 'Product page: what shoppers viewed together with this product, similar products, then best sellers',
    count: 8,
    chain: [{ strategy: 'viewed_together', minEvidence: 2 }, { strategy: 'similar_items', minEvidence: 1 }, { strategy: 'best_sellers', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 0.5 },
    rules: DEFAULT_RULES,
  },
  cart: {
    description: 'Cart: what is bought together with the cart, then what is viewed together with it',
    count: 4,
    chain: [{ strategy: 'bought_together', minEvidence: 2 }, { strategy: 'viewed_together', minEvidence: 2 }],
    fallbackToPopular: true,
    personalize: { weight: 0.5 },
    rules: DEFAULT_RULES,
  },
  email: {
    description: 'Email: picks for this shopper, what they looked at lately, then best sellers',
    count: 6,
    chain: [{ strategy: 'for_you', minEvidence: 1 }, { strategy: 'recently_viewed', minEvidence: 1, maxItems: 2 }, { strategy: 'best_sellers', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 1 },
    rules: { ...DEFAULT_RULES, diversity: { maxPerCategory: 2 } },
  },
  search: {
    description: 'Search (empty or no-result pages): what this session is heading to, picks for this shopper, then what is trending',
    count: 8,
    chain: [{ strategy: 'session_next', minEvidence: 1 }, { strategy: 'for_you', minEvidence: 1 }, { strategy: 'trending', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 1 },
    rules: DEFAULT_RULES,
  },
  store: {
    description: 'In store (kiosk, store app): picks for this shopper, then best sellers',
    count: 6,
    chain: [{ strategy: 'for_you', minEvidence: 1 }, { strategy: 'best_sellers', minEvidence: 1 }],
    fallbackToPopular: true,
    personalize: { weight: 1 },
    rules: DEFAULT_RULES,
  },
};
