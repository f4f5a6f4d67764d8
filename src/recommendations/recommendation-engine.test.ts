import { describe, expect, it } from 'vitest';
import type { StoredProduct } from '../catalog/product.js';
import { emptyProfileState, type ProfileState } from '../profiles/profile-state.js';
import type { Interaction, InteractionKind } from './interaction.js';
import { RecommendationEngine } from './recommendation-engine.js';
import type { RecommendationContext, StrategyName } from './strategies/strategy.js';

const T0 = Date.UTC(2026, 10, 2, 12);
const HOUR = 3_600_000;

function click(sessionId: string, itemId: string, at = T0, kind: InteractionKind = 'view', profileId = `profile-${sessionId}`): Interaction {
  return { sessionId, profileId, itemId, kind, at };
}

function product(id: string, overrides: Partial<StoredProduct> = {}): StoredProduct {
  return { id, name: id.replace('-', ' '), categoryPath: [], brand: null, price: null, currency: null, inventory: null, attributes: {}, imageUrl: null, updatedAt: T0, ...overrides };
}

function context(overrides: Partial<RecommendationContext> = {}): RecommendationContext {
  return { now: T0, products: [], cart: [], sessionItems: [], ...overrides };
}

function recommend(engine: RecommendationEngine, name: StrategyName, ctx: RecommendationContext, limit = 5) {
  const strategy = engine.strategy(name);
  if (!strategy) throw new Error(`no strategy ${name}`);
  return strategy.recommend(ctx, limit);
}

describe('RecommendationEngine strategies', () => {
  it('viewed together: what sessions viewed with the product, with the sessions behind it', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    for (const [session, items] of [['s1', ['tent', 'stove', 'mat']], ['s2', ['tent', 'stove']], ['s3', ['tent', 'lamp']], ['s4', ['mat', 'lamp']]] as const) {
      for (const item of items) engine.observe(click(session, item));
    }
    const result = recommend(engine, 'viewed_together', context({ products: ['tent'] }));
    // mat and lamp tie (one session each, in two baskets): the first seen comes first.
    expect(result.items.map((item) => item.itemId)).toEqual(['stove', 'mat', 'lamp']);
    expect(result.items[0]!.reason).toBe('viewed in the same session as this product in 2 sessions');
    expect(result.evidence).toBe(4);
    expect(recommend(engine, 'viewed_together', context({ products: ['unknown'] }))).toEqual({ items: [], evidence: 0 });
  });

  it('bought together answers for the whole cart, not its last item', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    // Shoppers who bought the jacket and the boots also bought socks; the boots alone go with laces.
    for (let shopper = 0; shopper < 3; shopper++) {
      for (const item of ['jacket', 'boots', 'socks']) engine.observe(click(`a${shopper}`, item, T0, 'purchase', `buyer-${shopper}`));
    }
    for (let shopper = 3; shopper < 7; shopper++) {
      for (const item of ['boots', 'laces']) engine.observe(click(`b${shopper}`, item, T0, 'purchase', `buyer-${shopper}`));
    }
    expect(recommend(engine, 'bought_together', context({ cart: ['boots'] })).items[0]!.itemId).toBe('laces');
    const forCart = recommend(engine, 'bought_together', context({ cart: ['jacket', 'boots'] }));
    expect(forCart.items[0]!.itemId).toBe('socks');
    expect(forCart.items.map((item) => item.itemId)).not.toContain('jacket');
  });

  it('pairs purchases of one shopper only within three days', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    engine.observe(click('s1', 'printer', T0, 'purchase', 'p'));
    engine.observe(click('s2', 'ink', T0 + 2 * 24 * HOUR, 'purchase', 'p'));
    engine.observe(click('s3', 'desk', T0 + 6 * 24 * HOUR, 'purchase', 'p'));
    expect(recommend(engine, 'bought_together', context({ products: ['printer'] })).items.map((item) => item.itemId)).toEqual(['ink']);
  });

  it('trending ranks what is busy now above what was busier hours ago', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    for (let i = 0; i < 8; i++) engine.observe(click(`old${i}`, 'yesterday-hit', T0 - 12 * HOUR));
    for (let i = 0; i < 3; i++) engine.observe(click(`new${i}`, 'rising', T0 - HOUR));
    const result = recommend(engine, 'trending', context());
    expect(result.items.map((item) => item.itemId)).toEqual(['rising', 'yesterday-hit']);
    expect(result.items[0]!.score).toBeCloseTo(3 * Math.pow(2, -1 / 3), 5);
  });

  it('best sellers rank sales within the category in context, from the catalog or the events', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    engine.upsertProducts([product('trail', { categoryPath: ['Shoes', 'Running'] }), product('road', { categoryPath: ['Shoes', 'Running'] }), product('heel', { categoryPath: ['Shoes', 'Formal'] })]);
    for (const [item, sales] of [['heel', 5], ['road', 3], ['trail', 1]] as const) {
      for (let i = 0; i < sales; i++) engine.observe(click(`s-${item}-${i}`, item, T0, 'purchase', `b-${item}-${i}`));
    }
    engine.observe({ ...click('x', 'sock', T0, 'purchase', 'bx'), category: 'Shoes > Running' });
    const running = recommend(engine, 'best_sellers', context({ categoryPath: ['Shoes', 'Running'] }));
    expect(running.items.map((item) => item.itemId)).toEqual(['road', 'trail', 'sock']);
    expect(running.items[0]!.reason).toBe('a best seller in running: 3 sold lately (halving weekly)');
    // On a product page the product's own category is the context.
    expect(recommend(engine, 'best_sellers', context({ products: ['trail'] })).items.map((item) => item.itemId)).toEqual(['road', 'sock']);
    expect(recommend(engine, 'best_sellers', context()).items[0]!.itemId).toBe('heel');
  });

  it('similar items by catalog features, for products nobody has interacted with', () => {
    const engine = new RecommendationEngine();
    engine.upsertProducts([
      product('red-runner', { categoryPath: ['Shoes', 'Running'], brand: 'Stride', price: 90, attributes: { color: 'red' } }),
      product('blue-runner', { categoryPath: ['Shoes', 'Running'], brand: 'Stride', price: 95, attributes: { color: 'blue' } }),
      product('other-runner', { categoryPath: ['Shoes', 'Running'], brand: 'Pace', price: 60 }),
      product('red-heel', { categoryPath: ['Shoes', 'Formal'], brand: 'Gala', price: 200, attributes: { color: 'red' } }),
      product('lamp', { categoryPath: ['Home'], brand: 'Lux', price: 20 }),
    ]);
    const result = recommend(engine, 'similar_items', context({ products: ['red-runner'] }));
    expect(result.items.map((item) => item.itemId)).toEqual(['blue-runner', 'other-runner', 'red-heel']);
    expect(result.items[0]!.reason).toMatch(/^similar to red-runner: brand stride/);
    expect(recommend(engine, 'similar_items', context({ products: ['not-in-catalog'] })).items).toEqual([]);
  });

  it('recently viewed orders the profile’s products by interest and leaves out what is in context', () => {
    const engine = new RecommendationEngine();
    const profile: ProfileState = emptyProfileState('p', T0);
    profile.lifetime.recentlyViewed = [
      { productId: 'carted', lastAt: T0 - 48 * HOUR, views: 1, cartAdds: 1 },
      { productId: 'glanced', lastAt: T0 - HOUR, views: 1, cartAdds: 0 },
      { productId: 'studied', lastAt: T0 - 2 * HOUR, views: 5, cartAdds: 0 },
    ];
    const result = recommend(engine, 'recently_viewed', context({ profile, products: ['glanced'] }));
    expect(result.items.map((item) => item.itemId)).toEqual(['studied', 'carted']);
    expect(result.items[1]!.reason).toBe('you viewed 1× and added to cart 1×, last 2 days ago');
    expect(recommend(engine, 'recently_viewed', context()).items).toEqual([]);
  });

  it('for you: what goes with the shopper’s viewed products, then best sellers of their categories', () => {
    const engine = new RecommendationEngine({ rankingRefreshMs: 0 });
    for (let i = 0; i < 3; i++) ['kettle', 'teapot'].forEach((item) => engine.observe(click(`s${i}`, item)));
    engine.upsertProducts([product('mug', { categoryPath: ['Kitchen'] })]);
    engine.observe(click('b', 'mug', T0, 'purchase', 'buyer'));
    const profile = emptyProfileState('p', T0);
    profile.lifetime.recentlyViewed = [{ productId: 'kettle', lastAt: T0, views: 2, cartAdds: 0 }];
    profile.lifetime.categoryAffinity = [{ name: 'Kitchen', score: 4, at: T0 }];
    const result = recommend(engine, 'for_you', context({ profile }));
    expect(result.items.map((item) => item.itemId)).toEqual(['teapot', 'mug']);
    expect(recommend(engine, 'for_you', context()).evidence).toBe(0);
  });

  it('remembers the session’s clicks in order, repeats included', () => {
    const engine = new RecommendationEngine();
    ['a', 'b', 'a'].forEach((item) => engine.observe(click('s', item)));
    engine.observe(click('s', 'c', T0, 'purchase'));
    expect(engine.sessionClicks('s')).toEqual(['a', 'b', 'a']);
  });
});
