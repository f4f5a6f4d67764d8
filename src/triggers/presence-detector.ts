import { LRUCache } from 'lru-cache';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { JsonObject, StoredEvent } from '../ingestion/kairos-event.js';
import { STORE_ENTERED_EVENT, STORE_LEFT_EVENT } from '../profiles/engagement.js';
import { insideGeofence, isStoreNetwork } from '../retail-stores/geofence.js';
import type { RetailStore } from '../retail-stores/retail-store.js';
import type { RetailStoreService } from '../retail-stores/retail-store-service.js';
import { SerialQueue } from './serial-queue.js';
import { shopperIdentifiers } from '../shared/shopper-identifiers.js';

/** A phone joined or left a store's Wi-Fi: `properties.storeId`, or the network's `ssid` / `bssid`. */
export const WIFI_JOINED_EVENT = 'Store Wi-Fi Joined';
export const WIFI_LEFT_EVENT = 'Store Wi-Fi Left';
/** Profiles whose whereabouts are remembered between batches (the rest start from their stored presence). */
const REMEMBERED_PROFILES = 100_000;

/**
 * Turns where customers are into store visits: a location inside a store's geofence, or a join of one
 * of its Wi-Fi networks, becomes a `Store Entered` event; a location outside it, a Wi-Fi leave, or an
 * entry into another store becomes `Store Left`. The derived events go through ingestion like any other
 * (messageIds derived from the source event, so a replay derives nothing new); geofence triggers and
 * the profile's presence read them.
 */
export class PresenceDetector {
  /** profile id → the store it is in ('' for none), as of the events seen, ahead of the derived events' commit. */
  private readonly whereabouts = new LRUCache<string, string>({ max: REMEMBERED_PROFILES });
  private readonly work = new SerialQueue((error) => this.deps.onError(error));

  constructor(private readonly deps: { stores: Pick<RetailStoreService, 'all'>; ingestion: Pick<IngestionService, 'ingest'>; onError: (error: unknown) => void }) {}

  readonly onBatch = async (batch: IngestedBatch): Promise<void> => {
    const stores = await this.deps.stores.all();
    if (stores.length === 0) return;
    const derived: object[] = [];
    for (const event of batch.events) {
      const profileId = batch.mergedInto.get(event.profileId) ?? event.profileId;
      const current = this.whereabouts.get(profileId) ?? batch.profiles.get(profileId)?.presence?.storeId ?? '';
      const next = whereNow(event, stores, current);
      if (next === undefined || next.storeId === current) continue;
      if (current !== '') derived.push(visitEvent(event, STORE_LEFT_EVENT, current, next.via, stores));
      if (next.storeId !== '') derived.push(visitEvent(event, STORE_ENTERED_EVENT, next.storeId, next.via, stores));
      this.whereabouts.set(profileId, next.storeId);
    }
    if (derived.length > 0) this.work.push(async () => void (await this.deps.ingestion.ingest(derived)));
  };

  /** Resolves once the derived events queued so far are stored. */
  idle(): Promise<void> {
    return this.work.idle();
  }
}

/** Where an event puts the customer ('' for outside every store), or undefined when it says nothing about it. */
function whereNow(event: StoredEvent, stores: readonly RetailStore[], current: string): { storeId: string; via: string } | undefined {
  if (event.type === 'track' && (event.name === WIFI_JOINED_EVENT || event.name === WIFI_LEFT_EVENT)) {
    const named = typeof event.properties.storeId === 'string' ? event.properties.storeId : event.storeId;
    const network = { ...(typeof event.properties.ssid === 'string' ? { ssid: event.properties.ssid } : {}), ...(typeof event.properties.bssid === 'string' ? { bssid: event.properties.bssid } : {}) };
    const store = stores.find((candidate) => candidate.id === named) ?? stores.find((candidate) => isStoreNetwork(candidate, network));
    if (store === undefined) return undefined;
    if (event.name === WIFI_JOINED_EVENT) return { storeId: store.id, via: 'wifi' };
    return store.id === current ? { storeId: '', via: 'wifi' } : undefined;
  }
  const location = event.context.location as JsonObject | undefined;
  if (typeof location?.latitude !== 'number' || typeof location.longitude !== 'number') return undefined;
  const position = { latitude: location.latitude, longitude: location.longitude };
  const inside = stores.find((store) => insideGeofence(store, position));
  return { storeId: inside?.id ?? '', via: 'geofence' };
}

function visitEvent(source: StoredEvent, name: string, storeId: string, via: string, stores: readonly RetailStore[]): object {
  const store = stores.find((candidate) => candidate.id === storeId);
  return {
    type: 'track',
    event: name,
    ...shopperIdentifiers(source),
    messageId: `${source.messageId}:${name === STORE_ENTERED_EVENT ? 'entered' : 'left'}:${storeId}`,
    timestamp: new Date(source.timestamp).toISOString(),
    properties: { storeId, ...(store ? { storeName: store.name } : {}), via, sourceMessageId: source.messageId },
    context: { channel: 'store', storeId },
  };
}
