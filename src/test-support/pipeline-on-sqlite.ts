import type { ProductActivity } from '../catalog/product-activity.js';
import { IdentityResolver } from '../identity/identity-resolver.js';
import { SqliteIdentityStore } from '../identity/sqlite-identity-store.js';
import { SqliteProfileStore } from '../profiles/sqlite-profile-store.js';
import { WriteBehindProfileStore } from '../profiles/write-behind-profile-store.js';
import { openDatabase, type SqliteDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { createTimeOrderedIds } from '../shared/time-ordered-id.js';
import { EventBus } from '../ingestion/event-bus.js';
import { IngestionPipeline } from '../ingestion/ingestion-pipeline.js';
import type { KairosEvent } from '../ingestion/kairos-event.js';
import { SqliteEventStore } from '../ingestion/sqlite-event-store.js';

/** For tests of the writer: a product view of the visitor named after the messageId, unless one is given. */
export function view(messageId: string, productId: string, anonymousId = `visitor-${messageId}`): KairosEvent {
  return {
    messageId,
    type: 'track',
    name: 'Product Viewed',
    anonymousId,
    properties: { product_id: productId },
    traits: {},
    context: {},
    timestamp: Date.UTC(2026, 10, 23),
    receivedAt: Date.UTC(2026, 10, 23),
    channel: 'web',
  };
}

export interface PipelineSetup {
  /** A store to open the writer on (a restart); a new in-memory one otherwise. */
  db?: SqliteDatabase;
  /** Fails the commit of any batch with an event of this product. */
  poison?: string;
  sliceMs?: number;
  onSlice?: (events: number, seconds: number) => void;
  /** By default held profile states are saved only when the pipeline closes, so the transactions counted are the slices'. */
  flush?: { intervalMs: number; maxHeld: number };
  onFlushError?: (error: unknown) => void;
}

/** The single writer over SQLite with the real stores, counting its transactions. */
export function pipelineOnSqlite(setup: PipelineSetup = {}) {
  const db = setup.db ?? openDatabase({ path: ':memory:' });
  const events = new SqliteEventStore(db);
  const identities = new SqliteIdentityStore(db);
  const savedProfiles = new SqliteProfileStore(db);
  const profiles = new WriteBehindProfileStore(savedProfiles);
  const runner = new SqliteTransactionRunner(db);
  let transactions = 0;
  const pipeline = new IngestionPipeline({
    events,
    identities,
    profiles,
    resolver: new IdentityResolver(identities, { maxProfilesPerIdentifier: 3, blockedValues: [], cacheSize: 100, newProfileId: createTimeOrderedIds('prf_') }),
    productActivity: {
      // A stand-in for any failure inside the commit, caused by one request's data.
      async recordActivity(activities: ProductActivity[]) {
        if (activities.some((activity) => activity.productId === setup.poison)) throw new Error('cannot store this product');
      },
    },
    transactions: {
      run: (work) => {
        transactions++;
        return runner.run(work);
      },
    },
    bus: new EventBus(() => undefined),
    profileCacheSize: 100,
    flush: setup.flush ?? { intervalMs: 3_600_000, maxHeld: 1_000_000 },
    ...(setup.onFlushError === undefined ? {} : { onFlushError: setup.onFlushError }),
    ...(setup.sliceMs === undefined ? {} : { sliceMs: setup.sliceMs }),
    ...(setup.onSlice === undefined ? {} : { metrics: { writerSlice: setup.onSlice } }),
  });
  return { db, pipeline, events, identities, profiles, savedProfiles, transactions: () => transactions };
}
