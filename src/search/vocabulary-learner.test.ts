import { describe, expect, it } from 'vitest';
import { InMemoryCatalogStore } from '../catalog/in-memory-catalog-store.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { InMemorySearchVocabularyStore } from './in-memory-search-vocabulary-store.js';
import { SearchVocabulary } from './search-vocabulary.js';
import { CHOICE_WINDOW_EVENTS, CHOICE_WINDOW_MS, VOCABULARY_HORIZON_MS, VocabularyLearner } from './vocabulary-learner.js';

const start = Date.parse('2026-11-23T10:00:00Z');
let seq = 0;

function track(name: string, properties: Record<string, unknown>, at: number, sessionId = 's1'): StoredEvent {
  seq++;
  return { messageId: `m${seq}`, seq, type: 'track', name, properties, traits: {}, context: {}, timestamp: at, receivedAt: at, channel: 'web', profileId: 'prf_1', sessionId };
}

const search = (query: string, at: number, sessionId?: string) => track('Products Searched', { query }, at, sessionId);
const view = (productId: string, at: number, extra: Record<string, unknown> = {}, sessionId?: string) => track('Product Viewed', { product_id: productId, ...extra }, at, sessionId);

async function setUp() {
  const catalog = new InMemoryCatalogStore();
  await catalog.upsertProducts([
    { id: 'bag-1', name: 'Tote', categoryPath: ['Bags', 'Handbags'], brand: 'Acme', price: 40, currency: 'EUR', inventory: null, attributes: {}, imageUrl: null, updatedAt: start },
  ]);
  const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
  const errors: unknown[] = [];
  const learner = new VocabularyLearner({ vocabulary, catalog, onError: (error) => errors.push(error) });
  const learn = async (...events: StoredEvent[]) => {
    learner.onBatch({ events, profiles: new Map(), mergedInto: new Map() });
    await learner.idle();
  };
  const learned = async (key: string) => (await vocabulary.read([key])).get(key);
  return { learn, learned, errors, vocabulary };
}

describe('VocabularyLearner', () => {
  it('credits the products chosen after a search to its keys, with the catalog path and brand', async () => {
    const { learn, learned, errors } = await setUp();
    await learn(search('Red Purses', start), view('bag-1', start + 1000, { category: 'Handbags' }));
    expect(errors).toEqual([]);
    for (const key of ['red', 'purse', 'red purse']) {
      const vocabulary = await learned(key);
      expect(vocabulary?.evidence).toBe(1);
      expect(vocabulary?.entries.map((entry) => `${entry.kind}:${entry.label}`).sort()).toEqual(['brand:Acme', 'category:Bags', 'category:Handbags', 'product:bag-1']);
    }
  });

  it('uses the event’s category and brand for a product the catalog does not know', async () => {
    const { learn, learned } = await setUp();
    await learn(search('purse', start), view('bag-9', start + 1000, { category: 'Bags > Clutches', brand: 'Zed' }));
    expect((await learned('purse'))?.entries.map((entry) => entry.label).sort()).toEqual(['Bags', 'Clutches', 'Zed', 'bag-9']);
  });

  it('weighs a purchase more than a click, and counts a reloaded page once', async () => {
    const { learn, learned } = await setUp();
    await learn(
      search('purse', start),
      view('bag-1', start + 1000),
      view('bag-1', start + 2000),
      track('Order Completed', { order_id: 'o1', products: [{ product_id: 'bag-1', price: 40 }] }, start + 3000),
    );
    expect(await learned('purse')).toMatchObject({ evidence: 2, choices: { score: 6 } });
  });

  it('follows a search only in its session, for CHOICE_WINDOW_MS and CHOICE_WINDOW_EVENTS product events', async () => {
    const { learn, learned } = await setUp();
    await learn(search('purse', start), view('bag-1', start + 1000, {}, 'other-session'), view('bag-1', start + CHOICE_WINDOW_MS + 1));
    expect(await learned('purse')).toBeUndefined();

    const events = [search('wallet', start)];
    for (let i = 0; i < CHOICE_WINDOW_EVENTS + 3; i++) events.push(view(`w${i}`, start + 1000 + i));
    await learn(...events);
    expect((await learned('wallet'))?.evidence).toBe(CHOICE_WINDOW_EVENTS);
  });

  it('follows the latest search of a session', async () => {
    const { learn, learned } = await setUp();
    await learn(search('purse', start), search('boots', start + 1000), view('bag-1', start + 2000));
    expect(await learned('purse')).toBeUndefined();
    expect((await learned('boot'))?.evidence).toBe(1);
  });

  it('learns across batches: a search in one, the click in the next', async () => {
    const { learn, learned } = await setUp();
    await learn(search('purse', start));
    await learn(view('bag-1', start + 1000));
    expect((await learned('purse'))?.evidence).toBe(1);
  });

  it('forgets keys no one chose anything after within the horizon, by the events’ own time', async () => {
    const { learn, learned } = await setUp();
    await learn(search('purse', start), view('bag-1', start + 1000));
    const later = start + VOCABULARY_HORIZON_MS + 2 * 60 * 60 * 1000;
    await learn(search('boots', later), view('bag-1', later + 1000));
    expect(await learned('purse')).toBeUndefined();
    expect(await learned('boot')).toBeDefined();
  });

  it('ignores a search without a query and client signals: the search before goes on being followed', async () => {
    const { learn, learned, errors } = await setUp();
    await learn(search('purse', start), track('Products Searched', {}, start + 1), track('Heartbeat', {}, start + 2), view('bag-1', start + 3));
    expect(errors).toEqual([]);
    expect((await learned('purse'))?.evidence).toBe(1);
  });
});
