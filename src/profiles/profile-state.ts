import type { Channel, JsonObject } from '../ingestion/kairos-event.js';

export const CONSENT_PURPOSES = ['analytics', 'personalization', 'email', 'sms', 'push'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentState {
  granted: boolean;
  at: number;
  /** Where it came from: `identify` traits or the consent API. */
  source: 'identify' | 'api';
  messageId: string;
}

/** A live session: Kairos sessions are per channel and end after 30 minutes of inactivity. */
export interface SessionState {
  id: string;
  channel: Channel;
  startedAt: number;
  lastEventAt: number;
  /** When the event before the last one happened (the rhythm of the session). */
  previousEventAt?: number;
  events: number;
  productViews: number;
  /** Distinct product ids seen in the session (capped, see MAX_SESSION_ITEMS). */
  products: string[];
  categories: string[];
  cartAdds: number;
  /** Value of what was added minus what was removed; never below 0. */
  cartValue: number;
  searches: number;
  wishlistAdds?: number;
  purchases: number;
  /** Time spent on product pages: from a product view to the next event of the session. */
  productDwellMs: number;
  /** When the current product page was opened, while it is the last thing the shopper did. */
  openProductViewAt?: number;
  /** The profile's first session ever (a first-time visitor). */
  firstVisit: boolean;
  explicitId?: string;
  storeId?: string;
  deviceType?: string;
  /** The early-purchase model's chance that this session ends in a purchase, after its latest event (1 once it has). */
  purchaseProbability?: number;
  /** The model version that gave it. */
  purchaseProbabilityModel?: string;
  /** The probability after each of the session's first events: [click, probability] (MAX_PROBABILITY_HISTORY). */
  purchaseProbabilityHistory?: Array<[number, number]>;
  /**
   * The session's events by name, client signals included, as a `count … in session` condition counts
   * them; absent for a session begun before Kairos kept it, or once it has seen more than
   * MAX_SESSION_EVENT_NAMES names (conditions then count from the log).
   */
  eventCounts?: Record<string, number>;
}

/** A time-decayed score: value at `at`, halving every AFFINITY_HALF_LIFE_MS. */
export interface DecayedScore {
  score: number;
  at: number;
}

/*
 * Open-ended names (categories, brands, product ids) are kept in lists, never as the keys of an object:
 * V8 gives every new sequence of property names its own hidden class, so objects keyed by a catalog's
 * names are slow to build, to parse from JSON and to collect. In a micro-benchmark over 1,400 names, adding four to an
 * object 12 µs, to a Map 2.7 µs; JSON.parse of two random-name keys 6.3 µs against 0.8 µs for fixed ones.
 */

/** How much the profile cares for one category or brand. */
export interface Affinity extends DecayedScore {
  name: string;
}

/** A product the profile bought, and when last. */
export interface PurchasedProduct {
  productId: string;
  at: number;
}

export interface LocationState {
  latitude?: number;
  longitude?: number;
  city?: string;
  country?: string;
  region?: string;
  timezone?: string;
  storeId?: string;
  at: number;
}

export interface LifetimeState {
  firstSeenAt: number;
  lastSeenAt: number;
  events: number;
  sessions: number;
  orders: number;
  revenue: number;
  lastOrderAt?: number;
  /** Events per channel. */
  channelMix: Partial<Record<Channel, number>>;
  /** At most MAX_AFFINITIES each, in the order first seen. */
  categoryAffinity: Affinity[];
  brandAffinity: Affinity[];
  lastLocation?: LocationState;
  timezone?: string;
  /** Products viewed or carted lately (recently-viewed.ts), across devices once identities merge. */
  recentlyViewed?: ViewedProduct[];
  /** Products bought and when last (the most recent MAX_PURCHASED_PRODUCTS), so nothing bought is retargeted. */
  purchasedProducts?: PurchasedProduct[];
}

/** A product the shopper looked at: how often and how lately, for "pick up where you left off". */
export interface ViewedProduct {
  productId: string;
  lastAt: number;
  views: number;
  cartAdds: number;
}

/** An intervention Kairos delivered to the profile. */
export interface DeliveryRecord {
  campaignId: string;
  channel: string;
  at: number;
  /** For attributing a conversion to it (absent on deliveries recorded before attribution existed). */
  decisionId?: string;
  variantId?: string;
}

/** A campaign the profile would have been shown but was held out of (the control arm of lift). */
export interface HoldoutRecord {
  campaignId: string;
  decisionId: string;
  at: number;
}

/** A Web Push subscription of one of the profile's browsers (the PushSubscription's JSON). */
export interface PushSubscriptionState {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  at: number;
}

/** The store the customer is in, from geofence or store Wi-Fi events (`Store Entered` / `Store Left`). */
export interface PresenceState {
  storeId: string;
  since: number;
  via: string;
}

/** An order waiting in a store for the customer to collect it. */
export interface PickupState {
  orderId: string;
  storeId: string;
  at: number;
}

/** The loyalty balance as last reported, and the one before it (so a threshold crossing can be seen). */
export interface LoyaltyState {
  points: number;
  previousPoints: number;
  at: number;
}

export interface ProfileState {
  id: string;
  createdAt: number;
  updatedAt: number;
  traits: JsonObject;
  consent: Partial<Record<ConsentPurpose, ConsentState>>;
  /** The latest session of each channel, open or closed. */
  sessions: Partial<Record<Channel, SessionState>>;
  lifetime: LifetimeState;
  /** Interventions delivered over the last days, oldest first (engagement.ts): frequency caps count them. */
  deliveries?: DeliveryRecord[];
  /** Holdout exposures over the last days, oldest first: conversions after them measure the control arm. */
  holdouts?: HoldoutRecord[];
  /** Customer-service complaints opened and not yet resolved. */
  openComplaints?: number;
  pushSubscriptions?: PushSubscriptionState[];
  presence?: PresenceState;
  /** Orders placed for in-store pickup and not yet collected, oldest first. */
  pickups?: PickupState[];
  loyalty?: LoyaltyState;
  /**
   * The seq of the latest event folded into this state. States are saved behind the log, so after a
   * crash only the events after it are folded again (absent: saved before states carried it).
   */
  seq?: number;
}

export function emptyProfileState(id: string, at: number): ProfileState {
  return {
    id,
    createdAt: at,
    updatedAt: at,
    traits: {},
    consent: {},
    sessions: {},
    lifetime: {
      firstSeenAt: at,
      lastSeenAt: at,
      events: 0,
      sessions: 0,
      orders: 0,
      revenue: 0,
      channelMix: {},
      categoryAffinity: [],
      brandAffinity: [],
    },
  };
}
