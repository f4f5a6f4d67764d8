import { CONSENT_UPDATED_EVENT } from './consent-from-event.js';
import {
  COMPLAINT_OPENED_EVENT,
  COMPLAINT_RESOLVED_EVENT,
  INTERVENTION_DELIVERED_EVENT,
  INTERVENTION_HELD_OUT_EVENT,
  INTERVENTION_OUTCOME_EVENTS,
  PUSH_SUBSCRIBED_EVENT,
  PUSH_UNSUBSCRIBED_EVENT,
  STORE_ENTERED_EVENT,
  STORE_LEFT_EVENT,
} from './engagement.js';

/** A session ends after this much inactivity on its channel (Google Analytics' and Segment's convention). */
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;
/** Category and brand affinities halve every 30 days without new interest. */
export const AFFINITY_HALF_LIFE_MS = 30 * 24 * 60 * 60 * 1000;
/** Affinities kept per profile: the weakest are dropped, so a profile's state stays small. */
export const MAX_AFFINITIES = 20;
/** Distinct products and categories remembered per session. */
export const MAX_SESSION_ITEMS = 100;
/** Distinct event names a session tallies (SessionState.eventCounts) before it stops keeping the tally. */
export const MAX_SESSION_EVENT_NAMES = 50;
/** A product page left open longer than this counts as this long (the tab was abandoned). */
export const MAX_PRODUCT_DWELL_MS = 10 * 60 * 1000;
/** How much each kind of interest adds to an affinity. */
export const AFFINITY_WEIGHTS = { product_view: 1, wishlist_add: 2, cart_add: 3, purchase: 5 } as const;
/** Track events that are bookkeeping, not shopping: they change the profile but not its sessions. */
export const SYSTEM_EVENTS = new Set([
  CONSENT_UPDATED_EVENT,
  INTERVENTION_DELIVERED_EVENT,
  INTERVENTION_HELD_OUT_EVENT,
  COMPLAINT_OPENED_EVENT,
  COMPLAINT_RESOLVED_EVENT,
  PUSH_SUBSCRIBED_EVENT,
  PUSH_UNSUBSCRIBED_EVENT,
  STORE_ENTERED_EVENT,
  STORE_LEFT_EVENT,
  ...INTERVENTION_OUTCOME_EVENTS,
]);
/**
 * Signals a client sends about a page rather than things the shopper did: they keep the session (and
 * an open product page) alive but are not counted as session events. The SDK sends both.
 */
export const HEARTBEAT_EVENT = 'Heartbeat';
export const EXIT_INTENT_EVENT = 'Exit Intent';
export const CLIENT_SIGNAL_EVENTS = new Set([HEARTBEAT_EVENT, EXIT_INTENT_EVENT]);

/** Whether an event is something the shopper did in a session: not bookkeeping, not a client signal. */
export function isShoppingEvent(event: { type: string; name?: string | undefined }): boolean {
  return !(event.type === 'track' && event.name !== undefined && (SYSTEM_EVENTS.has(event.name) || CLIENT_SIGNAL_EVENTS.has(event.name)));
}
/** Purchased products remembered per profile (the most recent). */
export const MAX_PURCHASED_PRODUCTS = 200;
