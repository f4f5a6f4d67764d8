import type { CampaignInput } from './campaign.js';

/** A valid campaign definition for tests: social proof on product pages. */
export function socialProofInput(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Social proof on product pages',
    trigger: { type: 'placement', placements: ['product-page'] },
    audience: { all: [{ path: 'session.productViews', gte: 2 }, { path: 'session.cartAdds', eq: 0 }] },
    variants: [
      { id: 'bought-today', kind: 'social_proof', channel: 'web', content: { body: '{{ profile.traits.firstName | default: "Hi" }}, {{ product.purchasesToday }} people bought this today!' } },
    ],
    goal: { event: 'Order Completed', within: '24h' },
    caps: { perDay: 2 },
    holdoutPercent: 10,
    ...overrides,
  };
}
