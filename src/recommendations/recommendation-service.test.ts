import { describe, expect, it } from 'vitest';
import { InMemoryCatalogStore } from '../catalog/in-memory-catalog-store.js';
import type { StoredProduct } from '../catalog/product.js';
import { emptyProfileState, type ProfileState } from '../profiles/profile-state.js';
import { ManualClock } from '../shared/clock.js';
import { InMemoryPlacementStore } from './placements/in-memory-placement-store.js';
import { PlacementService } from './placements/placement-service.js';
import { RecommendationEngine } from './recommendation-engine.js';
import { RecommendationService } from './recommendation-service.js';

const T0 = Date.UTC(2026, 10, 2, 12);
const product = (id: string, brand: string, inventory = 10): StoredProduct => ({
  id,
  name: id,
  categoryPath: ['Shoes'],
  brand,
  price: 80,
  currency: 'EUR',
  inventory,
  attributes: {},
  imageUrl: null,
  updatedAt: T0,
});

async function setUp(profile?: ProfileState) {
  const catalog = new InMemoryCatalogStore();
  const products = [product('plain-1', 'Basic'), product('plain-2', 'Basic'), product('loved', 'Stride'), product('gone', 'Basic', 0)];
  await catalog.upsertProducts(products);
  const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
  engine.upsertProducts(products);
  // Popularity: gone > plain-1 > plain-2 > loved.
  const views: Array<[string, number]> = [['gone', 9], ['plain-1', 8], ['plain-2', 7], ['loved', 6]];
  for (const [itemId, count] of views) {
    for (let i = 0; i < count; i++) engine.observe({ sessionId: `${itemId}-${i}`, profileId: `p-${itemId}-${i}`, itemId, kind: 'view', at: T0 });
  }
  const placements = new PlacementService({ store: new InMemoryPlacementStore(), clock: new ManualClock(T0) });
  const service = new RecommendationService({
    engine,
    placements,
    profiles: { findState: async () => profile },
    catalog,
    clock: new ManualClock(T0),
    warming: () => false,
  });
  return { service, placements };
}

describe('RecommendationService', () => {
  it('re-ranks a step by the shopper’s taste when the placement personalises, and says so', async () => {
    const profile = emptyProfileState('p', T0);
    profile.lifetime.brandAffinity = [{ name: 'stride', score: 5, at: T0 }];
    const { service, placements } = await setUp(profile);
    await placements.put('picks', { count: 3, chain: [{ strategy: 'popular' }], personalize: { weight: 2 } });
    const response = await service.recommend({ userId: 'u', placement: 'picks' });
    expect(response.items.map((item) => item.productId)).toEqual(['loved', 'plain-1', 'plain-2']);
    expect(response.items[0]).toMatchObject({ strategy: 'popular', personalizedBy: 'your interest in stride' });
    expect(response.strategies[0]).toMatchObject({ outcome: 'used', removed: { out_of_stock: 1 } });
  });

  it('keeps the strategy’s order without personalisation or for a stranger', async () => {
    const { service, placements } = await setUp(undefined);
    await placements.put('picks', { count: 3, chain: [{ strategy: 'popular' }], personalize: { weight: 2 } });
    const response = await service.recommend({ anonymousId: 'stranger', placement: 'picks' });
    expect(response.profileId).toBeNull();
    expect(response.items.map((item) => item.productId)).toEqual(['plain-1', 'plain-2', 'loved']);
  });

  it('skips a step whose evidence is below its minimum and pins a product at its position', async () => {
    const { service, placements } = await setUp(undefined);
    await placements.put('picks', { count: 3, chain: [{ strategy: 'popular', minEvidence: 1000 }, { strategy: 'similar_items' }], rules: { pins: [{ productId: 'loved', position: 1 }] } });
    const response = await service.recommend({ placement: 'picks', context: { product: { id: 'plain-1' } } });
    // 30 views, less the 8 of the product in context.
    expect(response.strategies[0]).toMatchObject({ strategy: 'popular', outcome: 'too_little_evidence', evidence: 22, minEvidence: 1000 });
    expect(response.items[0]).toMatchObject({ productId: 'loved', position: 1, pinned: true });
    expect(response.items.slice(1).map((item) => item.strategy)).toEqual(['similar_items']);
  });
});
