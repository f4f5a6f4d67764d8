import type { KairosEvent } from '../ingestion/kairos-event.js';
import type { DeliveryRecord, ProfileState } from './profile-state.js';

/** Events Kairos writes about what it did and what service knows, folded into the profile for caps and suppression. */
export const INTERVENTION_DELIVERED_EVENT = 'Intervention Delivered';
export const INTERVENTION_HELD_OUT_EVENT = 'Intervention Held Out';
/** Written by the outbox after a message was sent, or when it was given up (dead letter). */
export const INTERVENTION_SENT_EVENT = 'Intervention Sent';
export const INTERVENTION_FAILED_EVENT = 'Intervention Failed';
export const COMPLAINT_OPENED_EVENT = 'Complaint Opened';
export const COMPLAINT_RESOLVED_EVENT = 'Complaint Resolved';
/** A browser allowed Web Push: `properties.subscription` is the PushSubscription's JSON (the SDK sends it). */
export const PUSH_SUBSCRIBED_EVENT = 'Push Subscription Added';
export const PUSH_UNSUBSCRIBED_EVENT = 'Push Subscription Removed';
/** Derived by the presence detector (src/triggers/) from location and store Wi-Fi events. */
export const STORE_ENTERED_EVENT = 'Store Entered';
export const STORE_LEFT_EVENT = 'Store Left';
/** What the outbox and the SDK report about a delivered intervention: history for lift, not shopping. */
export const INTERVENTION_CONVERTED_EVENT = 'Intervention Converted';
export const INTERVENTION_OUTCOME_EVENTS = ['Intervention Sent', 'Intervention Failed', 'Intervention Viewed', 'Intervention Clicked', 'Intervention Dismissed', INTERVENTION_CONVERTED_EVENT] as const;
/** Push subscriptions kept per profile (the newest): one per browser the customer uses is plenty. */
export const MAX_PUSH_SUBSCRIPTIONS = 5;

/** Deliveries older than this no longer count towards any cap (the longest window is a week). */
export const DELIVERY_MEMORY_MS = 8 * 24 * 60 * 60 * 1000;
/** Deliveries remembered at most, so a profile's state stays small. */
export const MAX_DELIVERIES = 200;

/**
 * Folds Kairos' own bookkeeping events: a delivered intervention joins the profile's recent deliveries
 * (frequency caps read them), and complaints opened minus resolved say whether one is open.
 * Returns whether the event was one of them.
 */
export function applyEngagement(state: ProfileState, event: KairosEvent): boolean {
  if (event.type !== 'track') return false;
  switch (event.name) {
    case INTERVENTION_DELIVERED_EVENT: {
      const { campaignId, channel, decisionId, variantId } = event.properties;
      if (typeof campaignId !== 'string' || typeof channel !== 'string') return true;
      const delivery: DeliveryRecord = { campaignId, channel, at: event.timestamp };
      if (typeof decisionId === 'string') delivery.decisionId = decisionId;
      if (typeof variantId === 'string') delivery.variantId = variantId;
      state.deliveries = remember(state.deliveries ?? [], delivery);
      return true;
    }
    case COMPLAINT_OPENED_EVENT:
      state.openComplaints = (state.openComplaints ?? 0) + 1;
      return true;
    case COMPLAINT_RESOLVED_EVENT:
      state.openComplaints = Math.max(0, (state.openComplaints ?? 0) - 1);
      return true;
    case PUSH_SUBSCRIBED_EVENT:
      addPushSubscription(state, event.properties.subscription, event.timestamp);
      return true;
    case PUSH_UNSUBSCRIBED_EVENT: {
      const endpoint = event.properties.endpoint ?? (event.properties.subscription as { endpoint?: unknown } | undefined)?.endpoint;
      if (state.pushSubscriptions) state.pushSubscriptions = state.pushSubscriptions.filter((subscription) => subscription.endpoint !== endpoint);
      return true;
    }
    case STORE_ENTERED_EVENT: {
      const storeId = event.properties.storeId;
      if (typeof storeId === 'string' && (state.presence === undefined || state.presence.since <= event.timestamp)) {
        state.presence = { storeId, since: event.timestamp, via: typeof event.properties.via === 'string' ? event.properties.via : 'unknown' };
      }
      return true;
    }
    case STORE_LEFT_EVENT:
      if (state.presence !== undefined && state.presence.storeId === event.properties.storeId && state.presence.since <= event.timestamp) delete state.presence;
      return true;
    case INTERVENTION_HELD_OUT_EVENT: {
      const { campaignId, decisionId } = event.properties;
      if (typeof campaignId === 'string' && typeof decisionId === 'string') state.holdouts = remember(state.holdouts ?? [], { campaignId, decisionId, at: event.timestamp });
      return true;
    }
    default:
      return (INTERVENTION_OUTCOME_EVENTS as readonly string[]).includes(event.name ?? '');
  }
}

/** Adds a record in time order, forgetting those past DELIVERY_MEMORY_MS and beyond MAX_DELIVERIES. */
function remember<T extends { at: number }>(records: T[], record: T): T[] {
  records.push(record);
  records.sort((a, b) => a.at - b.at);
  const newest = records[records.length - 1]!.at;
  const keepFrom = records.findIndex((kept) => newest - kept.at <= DELIVERY_MEMORY_MS);
  records.splice(0, Math.max(keepFrom, records.length - MAX_DELIVERIES));
  return records;
}

function addPushSubscription(state: ProfileState, subscription: unknown, at: number): void {
  const candidate = subscription as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } } | undefined;
  const endpoint = candidate?.endpoint;
  const p256dh = candidate?.keys?.p256dh;
  const auth = candidate?.keys?.auth;
  // Only a usable subscription is kept: web push needs the https endpoint and both keys.
  if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint) || typeof p256dh !== 'string' || typeof auth !== 'string') return;
  const kept = (state.pushSubscriptions ?? []).filter((existing) => existing.endpoint !== endpoint);
  kept.push({ endpoint, keys: { p256dh, auth }, at });
  state.pushSubscriptions = kept.slice(-MAX_PUSH_SUBSCRIPTIONS);
}
