import { Packr } from 'msgpackr';
import { CHANNELS } from '../ingestion/kairos-event.js';
import type {
  Affinity,
  ConsentState,
  DeliveryRecord,
  HoldoutRecord,
  LifetimeState,
  LocationState,
  LoyaltyState,
  PickupState,
  PresenceState,
  ProfileState,
  PurchasedProduct,
  PushSubscriptionState,
  SessionState,
  ViewedProduct,
} from './profile-state.js';
import { CONSENT_PURPOSES } from './profile-state.js';

/** Where the shared structures live: they only ever grow, and a state refers to them by position. */
export interface StructureStore {
  /** The structures as last saved (each a list of field names), or undefined before the first. */
  load(): string[][] | undefined;
  /** Saves them all; in the caller's transaction, so they commit or roll back with the states using them. */
  save(structures: string[][]): void;
  /** How many are saved: a cheap check that a rolled-back transaction took none with it. */
  savedCount(): number;
}

// Every field name of the state's fixed-shape objects, checked against their types: a field added to
// one of them without being named here fails to compile. Only objects whose keys are all named here
// share a structure; any other (traits, counts by event name) keeps its keys in its own record, so a
// name a client chose is erased with the profile instead of staying in the shared structures.
const PROFILE_FIELDS: Record<keyof ProfileState, true> = {
  id: true, createdAt: true, updatedAt: true, traits: true, consent: true, sessions: true, lifetime: true, deliveries: true,
  holdouts: true, openComplaints: true, pushSubscriptions: true, presence: true, pickups: true, loyalty: true, seq: true,
};
const SESSION_FIELDS: Record<keyof SessionState, true> = {
  id: true, channel: true, startedAt: true, lastEventAt: true, previousEventAt: true, events: true, productViews: true, products: true,
  categories: true, cartAdds: true, cartValue: true, searches: true, wishlistAdds: true, purchases: true, productDwellMs: true,
  openProductViewAt: true, firstVisit: true, explicitId: true, storeId: true, deviceType: true, purchaseProbability: true,
  purchaseProbabilityModel: true, purchaseProbabilityHistory: true, eventCounts: true,
};
const LIFETIME_FIELDS: Record<keyof LifetimeState, true> = {
  firstSeenAt: true, lastSeenAt: true, events: true, sessions: true, orders: true, revenue: true, lastOrderAt: true, channelMix: true,
  categoryAffinity: true, brandAffinity: true, lastLocation: true, timezone: true, recentlyViewed: true, purchasedProducts: true,
};
const PART_FIELDS: Array<Record<string, true>> = [
  { granted: true, at: true, source: true, messageId: true } satisfies Record<keyof ConsentState, true>,
  { name: true, score: true, at: true } satisfies Record<keyof Affinity, true>,
  { productId: true, at: true } satisfies Record<keyof PurchasedProduct, true>,
  { latitude: true, longitude: true, city: true, country: true, region: true, timezone: true, storeId: true, at: true } satisfies Record<keyof LocationState, true>,
  { productId: true, lastAt: true, views: true, cartAdds: true } satisfies Record<keyof ViewedProduct, true>,
  { campaignId: true, channel: true, at: true, decisionId: true, variantId: true } satisfies Record<keyof DeliveryRecord, true>,
  { campaignId: true, decisionId: true, at: true } satisfies Record<keyof HoldoutRecord, true>,
  { endpoint: true, keys: true, at: true } satisfies Record<keyof PushSubscriptionState, true>,
  { p256dh: true, auth: true } satisfies Record<keyof PushSubscriptionState['keys'], true>,
  { storeId: true, since: true, via: true } satisfies Record<keyof PresenceState, true>,
  { orderId: true, storeId: true, at: true } satisfies Record<keyof PickupState, true>,
  { points: true, previousPoints: true, at: true } satisfies Record<keyof LoyaltyState, true>,
];
const SHAREABLE_KEYS = new Set<string>([
  ...Object.keys(PROFILE_FIELDS),
  ...Object.keys(SESSION_FIELDS),
  ...Object.keys(LIFETIME_FIELDS),
  ...PART_FIELDS.flatMap((fields) => Object.keys(fields)),
  // The keys of `consent`, `sessions` and `channelMix`: fixed vocabularies, not a client's words.
  ...CONSENT_PURPOSES,
  ...CHANNELS,
]);

/** Record ids above 32 take two bytes instead of one; the state's shapes need a few dozen. */
const MAX_SHARED_STRUCTURES = 512;

/**
 * Profile states as MessagePack records (msgpackr) with structures shared through the store: a 1.2 KB
 * JSON state is ~380 bytes this way and decodes 3–4 times faster (docs/benchmarks.md, issue 3, session
 * 17), which is what every decision's profile read and every state save pays. States saved as JSON
 * text before are still read.
 */
export class ProfileStateCodec {
  private packr: Packr;
  private saved = 0;

  constructor(private readonly store: StructureStore) {
    this.packr = this.newPackr();
  }

  encode(state: ProfileState): Buffer {
    return this.packr.pack(state);
  }

  decode(stored: Buffer | string): ProfileState {
    return (typeof stored === 'string' ? JSON.parse(stored) : this.packr.unpack(stored)) as ProfileState;
  }

  /**
   * Call inside a write transaction before encoding in it. A transaction that added structures and
   * then rolled back leaves this process knowing structures the store does not: a state encoded with
   * one of them would be unreadable after a restart, so the structures are loaded again instead.
   */
  inStepWithStore(): void {
    if (this.store.savedCount() !== this.saved) this.packr = this.newPackr();
  }

  private newPackr(): Packr {
    return new Packr({
      useRecords: true,
      // A state holds only JSON values: any map in it is an object, never a JavaScript Map.
      mapsAsObjects: true,
      maxSharedStructures: MAX_SHARED_STRUCTURES,
      shouldShareStructure: (keys: string[]) => keys.every((key) => SHAREABLE_KEYS.has(key)),
      getStructures: () => {
        const structures = this.store.load() ?? [];
        this.saved = structures.length;
        return structures;
      },
      // msgpackr passes the compatibility check as a second argument its typings leave out.
      saveStructures: ((structures: string[][], isCompatible: (existing: string[][]) => boolean) => {
        // Declined when another writer saved structures since these were loaded: msgpackr merges theirs
        // and encodes again, so no two states ever give one position two meanings.
        if (!isCompatible(this.store.load() ?? [])) return false;
        const shared = structures.map((keys) => [...keys]);
        this.store.save(shared);
        this.saved = shared.length;
        return true;
      }) as (structures: {}[]) => boolean,
    });
  }
}
