import { describe, expect, it } from 'vitest';
import type { ProductActivity } from '../catalog/product-activity.js';
import { IdentityResolver } from '../identity/identity-resolver.js';
import { createTimeOrderedIds } from '../shared/time-ordered-id.js';
import { SqliteIdentityStore } from '../identity/sqlite-identity-store.js';
import { SqliteProfileStore } from '../profiles/sqlite-profile-store.js';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { EventBus } from './event-bus.js';
import { IngestionPipeline } from './ingestion-pipeline.js';
import type { KairosEvent } from './kairos-event.js';
import { SqliteEventStore } from './sqlite-event-store.js';

function view(messageId: string, productId: string): KairosEvent {
  return {
    messageId,
    type: 'track',
    name: 'Product Viewed',
    anonymousId: `visitor-${messageId}`,
    properties: { product_id: productId },
    traits: {},
    context: {},
    timestamp: Date.UTC(2026, 10, 23),
    receivedAt: Date.UTC(2026, 10, 23),
    channel: 'web',
  };
}

describe('IngestionPipeline isolation', () => {
  it('fails only the request whose events break the shared transaction; the others are stored', async () => {
    const db = openDatabase({ path: ':memory:' });
    const events = new SqliteEventStore(db);
    const identities = new SqliteIdentityStore(db);
    const listenerErrors: string[] = [];
    const pipeline = new IngestionPipeline({
      events,
      identities,
      profiles: new SqliteProfileStore(db),
      resolver: new IdentityResolver(identities, { maxProfilesPerIdentifier: 3, blockedValues: [], cacheSize: 100, newProfileId: createTimeOrderedIds('prf_') }),
      productActivity: {
        // A stand-in for any failure inside the commit, caused by one request's data.
        async recordActivity(activities: ProductActivity[]) {
          if (activities.some((activity) => activity.productId === 'poison')) throw new Error('cannot store this product');
        },
      },
      transactions: new SqliteTransactionRunner(db),
      bus: new EventBus((name) => listenerErrors.push(name)),
      profileCacheSize: 100,
    });
    // Submitted in the same turn, so they share one batch.
    const results = await Promise.allSettled([pipeline.submit([view('a', 'p1')]), pipeline.submit([view('b', 'poison')]), pipeline.submit([view('c', 'p2')])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await events.knownMessageIds(['a', 'b', 'c'])).toEqual(new Set(['a', 'c']));
    // The failed request's identity and profile were rolled back with it and can be sent again.
    expect((await identities.lookup(['anonymousId:visitor-b'])).size).toBe(0);
    await pipeline.close();
  });
});
