import type { KairosEvent } from '../ingestion/kairos-event.js';
import type { ProfileState } from './profile-state.js';

/** Events Kairos writes about what it did and what service knows, folded into the profile for caps and suppression. */
export const INTERVENTION_DELIVERED_EVENT = 'Intervention Delivered';
export const INTERVENTION_HELD_OUT_EVENT = 'Intervention Held Out';
/** Written by the outbox after a message was sent, or when it was given up (dead letter). */
export const INTERVENTION_SENT_EVENT = 'Intervention Sent';
export const INTERVENTION_FAILED_EVENT = 'Intervention Failed';
export const COMPLAINT_OPENED_EVENT = 'Complaint Opened';
export const COMPLAINT_RESOLVED_EVENT = 'Complaint Resolved';

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
      const campaignId = event.properties.campaignId;
      const channel = event.properties.channel;
      if (typeof campaignId !== 'string' || typeof channel !== 'string') return true;
      const deliveries = (state.deliveries ??= []);
      deliveries.push({ campaignId, channel, at: event.timestamp });
      deliveries.sort((a, b) => a.at - b.at);
      const newest = deliveries[deliveries.length - 1]!.at;
      const keepFrom = deliveries.findIndex((delivery) => newest - delivery.at <= DELIVERY_MEMORY_MS);
      deliveries.splice(0, Math.max(keepFrom, deliveries.length - MAX_DELIVERIES));
      return true;
    }
    case COMPLAINT_OPENED_EVENT:
      state.openComplaints = (state.openComplaints ?? 0) + 1;
      return true;
    case COMPLAINT_RESOLVED_EVENT:
      state.openComplaints = Math.max(0, (state.openComplaints ?? 0) - 1);
      return true;
    case INTERVENTION_HELD_OUT_EVENT:
      return true;
    default:
      return false;
  }
}
