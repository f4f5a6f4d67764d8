import { describe, expect, it } from 'vitest';
import { InMemoryCatalogStore } from '../catalog/in-memory-catalog-store.js';
import type { StoredProduct } from '../catalog/product.js';
import { emptyProfileState, type ProfileState } from '../profiles/profile-state.js';
import { ManualClock } from '../shared/clock.js';
import { KairosError } from '../shared/errors.js';
import { InMemorySearchVocabularyStore } from './in-memory-search-vocabulary-store.js';
import type { RerankRequest } from './rerank-request.js';
import { SearchReranker } from './search-reranker.js';
import { SearchVocabulary } from './search-vocabulary.js';

const now = Date.parse('2026-11-23T10:00:00Z');

function product(id: string, categoryPath: string[], brand: string | null = null): StoredProduct {
  return { id, name: id, categoryPath, brand, price: 10, currency: 'EUR', inventory: null, attributes: {}, imageUrl: null, updatedAt: now };
}

async function setUp(profile?: ProfileState) {
  const catalog = new InMemoryCatalogStore();
  await catalog.upsertProducts([
    product('cushion-1', ['Home', 'Cushions'], 'Nest'),
    product('wallet-1', ['Accessories', 'Wallets'], 'Acme'),
    product('bag-1', ['Bags', 'Handbags'], 'Acme'),
    product('bag-2', ['Bags', 'Handbags'], 'Mira'),
    product('pack-1', ['Bags', 'Backpacks'], 'Trek'),
  ]);
  const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
  const reads: unknown[] = [];
  const reranker = new SearchReranker({
    profiles: { findState: async (identifiers) => (reads.push(identifiers), profile) },
    catalog,
    vocabulary,
    clock: new ManualClock(now),
  });
  return { reranker, vocabulary, reads };
}

const ids = (response: { results: Array<{ productId: string }> }) => response.results.map((result) => result.productId);
const request = (overrides: Partial<RerankRequest> = {}): RerankRequest => ({
  query: 'purse',
  results: [{ productId: 'cushion-1' }, { productId: 'wallet-1' }, { productId: 'bag-1' }, { productId: 'pack-1' }, { productId: 'unknown-9' }],
  ...overrides,
});

describe('SearchReranker', () => {
  it('keeps the engine’s order when nothing is known, with positions from 1 and no profile read without identifiers', async () => {
    const { reranker, reads } = await setUp();
    const response = await reranker.rerank(request());
    expect(ids(response)).toEqual(['cushion-1', 'wallet-1', 'bag-1', 'pack-1', 'unknown-9']);
    expect(response.results[0]).toEqual({ productId: 'cushion-1', position: 1, originalPosition: 1, score: 1, reasons: [] });
    expect(response.profileId).toBeNull();
    expect(response.learnedTerms).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('moves what shoppers chose after the query up, and says why', async () => {
    const { reranker, vocabulary } = await setUp();
    const clicks = Array.from({ length: 6 }, (_, i) => ({ keys: ['purse'], productId: `bag-${i + 3}`, categoryPath: ['Bags', 'Handbags'], weight: 1, at: now - 60_000 }));
    await vocabulary.learn(clicks);
    const response = await reranker.rerank(request({ explain: true }));
    expect(ids(response)).toEqual(['bag-1', 'cushion-1', 'pack-1', 'wallet-1', 'unknown-9']);
    expect(response.results[0]).toMatchObject({ originalPosition: 3, reasons: ['shoppers who searched “purse” chose Handbags'] });
    // Bags > Backpacks shares the root level only: half the match.
    expect(response.results[2]).toMatchObject({ productId: 'pack-1', reasons: ['shoppers who searched “purse” chose Bags'] });
    expect(response.results[4]).toMatchObject({ productId: 'unknown-9', reasons: ['not in the catalog: kept in the engine’s order'] });
    expect(response.learnedTerms).toEqual([{ term: 'purse', evidence: 6, associations: expect.arrayContaining([{ kind: 'category', label: 'Handbags', share: 1 }]) }]);
  });

  it('uses the profile’s affinities and the current session, and reads the profile by userId first', async () => {
    const profile = emptyProfileState('prf_1', now - 86_400_000);
    profile.lifetime.brandAffinity = [{ name: 'mira', score: 12, at: now - 3_600_000 }];
    profile.sessions.web = { ...sessionAt(now - 60_000), categories: ['Accessories > Wallets'] };
    const { reranker, reads } = await setUp(profile);
    const response = await reranker.rerank(request({ userId: 'u1', anonymousId: 'a1', explain: true, results: [{ productId: 'cushion-1' }, { productId: 'bag-1' }, { productId: 'bag-2' }, { productId: 'wallet-1' }] }));
    expect(reads).toEqual([[{ type: 'userId', value: 'u1' }, { type: 'anonymousId', value: 'a1' }]]);
    expect(response.profileId).toBe('prf_1');
    // A favourite brand three places down overtakes the first; a category of this session overtakes the one above it.
    expect(ids(response)).toEqual(['bag-2', 'cushion-1', 'wallet-1', 'bag-1']);
    expect(response.results[0]!.reasons).toEqual(['you often look at Mira']);
    expect(response.results[2]!.reasons).toEqual(['you are browsing Wallets in this session']);
  });

  it('takes the engine’s scores over the best as the prior when every result has one', async () => {
    const { reranker } = await setUp();
    const response = await reranker.rerank(request({ results: [{ productId: 'cushion-1', score: 9 }, { productId: 'bag-1', score: 8.99 }, { productId: 'wallet-1', score: 1 }] }));
    expect(response.results.map((result) => result.score)).toEqual([1, 0.9989, 0.1111]);
  });

  it('returns the best `count`', async () => {
    const { reranker } = await setUp();
    expect(ids(await reranker.rerank(request({ count: 2 })))).toEqual(['cushion-1', 'wallet-1']);
  });

  it('refuses repeated product ids, naming the repeat', async () => {
    const { reranker } = await setUp();
    const refused = await reranker.rerank(request({ results: [{ productId: 'a' }, { productId: 'b' }, { productId: 'a', score: 2 }] })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KairosError);
    expect((refused as KairosError).statusCode).toBe(400);
    expect((refused as KairosError).details[0]).toEqual({ field: 'results.2.productId', problem: 'repeats results.0.productId ("a"); product ids must be unique' });
  });
});

function sessionAt(lastEventAt: number): NonNullable<ProfileState['sessions']['web']> {
  return { id: 's1', channel: 'web', startedAt: lastEventAt - 60_000, lastEventAt, events: 3, productViews: 2, products: [], categories: [], cartAdds: 0, cartValue: 0, searches: 0, purchases: 0, productDwellMs: 0, firstVisit: false };
}
