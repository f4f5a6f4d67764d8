import { describe, expect, it } from 'vitest';
import { InMemoryCatalogStore } from '../catalog/in-memory-catalog-store.js';
import type { StoredProduct } from '../catalog/product.js';
import { InMemoryEventStore } from '../ingestion/in-memory-event-store.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { RecommendationEngine } from './recommendation-engine.js';
import { RecommendationFeed } from './recommendation-feed.js';

const T0 = Date.UTC(2026, 10, 2, 12);

function viewed(messageId: string, sessionId: string, productId: string): StoredEvent {
  return {
    messageId,
    type: 'track',
    name: 'Product Viewed',
    properties: { product_id: productId },
    traits: {},
    context: {},
    timestamp: T0,
    receivedAt: T0,
    channel: 'web',
    seq: 0,
    profileId: `profile-${sessionId}`,
    sessionId,
  };
}

const product = (id: string): StoredProduct => ({ id, name: id, categoryPath: ['Tents'], brand: null, price: null, currency: null, inventory: null, attributes: {}, imageUrl: null, updatedAt: T0 });

/** warmUp() alone, without start(): nothing subscribes. */
const unused = { bus: { subscribe: () => () => undefined }, catalogChanges: { onProductsChanged: () => undefined } };

describe('RecommendationFeed', () => {
  it('learns the catalog and the latest events of the log at warm-up, then batches held meanwhile', async () => {
    const events = new InMemoryEventStore();
    await events.append([viewed('1', 'old', 'lamp'), viewed('2', 'old', 'mat'), viewed('3', 's1', 'tent'), viewed('4', 's1', 'stove')]);
    const catalog = new InMemoryCatalogStore();
    await catalog.upsertProducts([product('tent'), product('stove')]);
    const engine = new RecommendationEngine();
    const feed = new RecommendationFeed({ engine, events, catalog, warmUpEvents: 2, ...unused });

    const warming = feed.warmUp();
    expect(feed.isWarming).toBe(true);
    feed.onBatch({ events: [viewed('5', 's1', 'tent-pegs')], profiles: new Map(), mergedInto: new Map() });
    expect(engine.sessionClicks('s1')).toEqual([]);
    expect(await warming).toMatchObject({ events: 2, interactions: 2, products: 2 });
    expect(feed.isWarming).toBe(false);

    // Only the latest 2 events were learned; the held batch came after them.
    expect(engine.sessionClicks('s1')).toEqual(['tent', 'stove', 'tent-pegs']);
    expect(engine.sessionClicks('old')).toEqual([]);
    expect(engine.content.facts('tent')?.categories).toEqual(['tents']);
    feed.onBatch({ events: [viewed('6', 's2', 'lamp')], profiles: new Map(), mergedInto: new Map() });
    expect(engine.sessionClicks('s2')).toEqual(['lamp']);
  });

  it('warms up from an empty log and catalog', async () => {
    const feed = new RecommendationFeed({ engine: new RecommendationEngine(), events: new InMemoryEventStore(), catalog: new InMemoryCatalogStore(), warmUpEvents: 1000, ...unused });
    expect(await feed.warmUp()).toMatchObject({ events: 0, interactions: 0, products: 0 });
  });
});
