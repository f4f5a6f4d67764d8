import type { JsonObject, KairosEvent } from '../ingestion/kairos-event.js';
import { CONSENT_PURPOSES, type ConsentPurpose, type ProfileState } from './profile-state.js';

/** The track event the consent API writes to the log, so consent is rebuilt with the rest of the profile. */
export const CONSENT_UPDATED_EVENT = 'Consent Updated';

/**
 * Reads consent from `traits.consent` of an identify ({ email: true, sms: false }), from Segment's
 * `context.consent.categoryPreferences`, and from the consent API's Consent Updated events.
 * Purposes are matched case-insensitively; other keys are ignored.
 */
export function applyConsentFromEvent(state: ProfileState, event: KairosEvent): void {
  const sources: Array<[JsonObject | undefined, 'identify' | 'api']> = [];
  if (event.type === 'identify') sources.push([asObject(event.traits.consent), 'identify']);
  const segmentConsent = asObject(event.context.consent);
  if (segmentConsent) sources.push([asObject(segmentConsent.categoryPreferences), 'identify']);
  if (event.type === 'track' && event.name === CONSENT_UPDATED_EVENT) sources.push([event.properties, 'api']);
  for (const [preferences, source] of sources) {
    if (!preferences) continue;
    for (const [key, value] of Object.entries(preferences)) {
      const purpose = key.toLowerCase() as ConsentPurpose;
      if (typeof value !== 'boolean' || !CONSENT_PURPOSES.includes(purpose)) continue;
      const current = state.consent[purpose];
      if (current && current.at > event.timestamp) continue;
      state.consent[purpose] = { granted: value, at: event.timestamp, source, messageId: event.messageId };
    }
  }
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}
