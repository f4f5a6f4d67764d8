import type { CompiledCampaign } from '../decisions/campaign-registry.js';
import { interpretCommerce } from '../ingestion/ecommerce-spec.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { STORE_ENTERED_EVENT, STORE_LEFT_EVENT } from '../profiles/engagement.js';
import { EXIT_INTENT_EVENT, isShoppingEvent, SYSTEM_EVENTS } from '../profiles/feature-constants.js';
import { loyaltyBalanceOf } from '../profiles/pickups-and-loyalty.js';
import type { ProfileState } from '../profiles/profile-state.js';
import { nextBirthdayOccurrence, nextLocalOccurrence } from './next-local-occurrence.js';
import type { TimerKind, TriggerTimer } from './trigger-timer.js';
import { shopperIdentifiers } from '../shared/shopper-identifiers.js';

/** A trigger that fired on an event: decide now. `key` names the firing (one delivery per key). */
export interface Firing {
  key: string;
  compiled: CompiledCampaign;
  profileId: string;
  event: StoredEvent;
  productId?: string;
  storeId?: string;
}

export type TimerChange = { op: 'scheduleOnce' | 'reschedule'; timer: TriggerTimer } | { op: 'cancel'; profileId: string; kind: TimerKind };

/**
 * What a committed batch sets off: the triggers that fire now and the timers to schedule or cancel.
 * Pure: the states are the profiles as of the end of the batch. In-session triggers (exit intent, the
 * Nth event, a propensity band) are keyed by session, so each fires at most once per session.
 */
export function matchTriggers(input: {
  events: readonly StoredEvent[];
  states: ReadonlyMap<string, ProfileState>;
  campaigns: readonly CompiledCampaign[];
  now: number;
  defaultTimeZone: string;
}): { firings: Firing[]; timers: TimerChange[] } {
  const firings: Firing[] = [];
  const timers: TimerChange[] = [];
  const { events, states, campaigns } = input;
  if (campaigns.length === 0) return { firings, timers };
  const positions = sessionPositions(events, states);

  for (const event of events) {
    const state = states.get(event.profileId);
    if (state === undefined || (isSystemEvent(event) && event.name !== STORE_ENTERED_EVENT && event.name !== STORE_LEFT_EVENT)) continue;
    const facts = interpretCommerce(event);
    const session = state.sessions[event.channel];
    const inSession = session !== undefined && session.id === event.sessionId;
    const position = positions.get(event);
    for (const compiled of campaigns) {
      const { trigger, id } = compiled.campaign;
      const fire = (key: string, extra: Partial<Firing> = {}) => firings.push({ key, compiled, profileId: state.id, event, ...extra });
      switch (trigger.type) {
        case 'event':
          if (compiled.triggerEventNames === undefined || compiled.triggerEventNames.has(event.name ?? '')) fire(`event:${id}:${event.messageId}`, productOf(facts));
          break;
        case 'exit_intent':
          if (event.name === EXIT_INTENT_EVENT && inSession) fire(`exit:${id}:${session.id}`, productOf(facts));
          break;
        case 'session_event_count':
          if (position?.count === trigger.count) fire(`nth:${id}:${event.sessionId}`, productOf(facts));
          break;
        case 'propensity':
          if (position?.last && inSession) {
            const probability = session.purchaseProbability;
            if (probability !== undefined && probability >= trigger.min && probability <= trigger.max) fire(`propensity:${id}:${session.id}`, productOf(facts));
          }
          break;
        case 'loyalty_points': {
          const loyalty = state.loyalty;
          if (loyaltyBalanceOf(event) !== undefined && loyalty && loyalty.points >= trigger.atLeast && loyalty.previousPoints < trigger.atLeast) fire(`loyalty:${id}:${event.messageId}`);
          break;
        }
        case 'geofence': {
          const wanted = trigger.on === 'enter' ? STORE_ENTERED_EVENT : STORE_LEFT_EVENT;
          const storeId = event.properties.storeId;
          if (event.name === wanted && typeof storeId === 'string' && (trigger.storeIds === undefined || trigger.storeIds.includes(storeId))) {
            fire(`geofence:${id}:${event.messageId}`, { storeId });
          }
          break;
        }
        case 'dwell':
          if (facts.kind === 'product_view' && inSession && facts.products[0] !== undefined) {
            timers.push({
              op: 'scheduleOnce',
              timer: {
                key: `dwell:${id}:${event.messageId}`,
                kind: 'dwell',
                campaignId: id,
                profileId: state.id,
                dueAt: Math.max(event.timestamp, input.now - trigger.seconds * 1000) + trigger.seconds * 1000,
                payload: { ...shopperIdentifiers(event), channel: event.channel, sessionId: session.id, productId: facts.products[0].productId, viewedAt: event.timestamp },
              },
            });
          }
          break;
        case 'cart_abandonment':
          if (facts.kind === 'cart_add' || facts.kind === 'cart_remove') {
            timers.push({
              op: 'reschedule',
              timer: {
                key: `cart:${id}:${state.id}`,
                kind: 'cart_abandonment',
                campaignId: id,
                profileId: state.id,
                dueAt: event.timestamp + compiled.abandonAfterMs!,
                payload: { ...shopperIdentifiers(event), channel: event.channel, cartChangedAt: event.timestamp },
              },
            });
          } else if (facts.kind === 'purchase' || event.name === 'Checkout Started') {
            timers.push({ op: 'cancel', profileId: state.id, kind: 'cart_abandonment' });
          }
          break;
        case 'local_time': {
          if (!position?.last) break;
          const timer = localTimeTimer(compiled, state, input.now, input.defaultTimeZone, { ...shopperIdentifiers(event), channel: event.channel });
          if (timer !== undefined) timers.push({ op: 'scheduleOnce', timer });
          break;
        }
        case 'placement':
          break;
      }
    }
  }
  return { firings, timers };
}

/**
 * A local-time campaign's next moment for a customer (the next `at` on their clocks, or their next
 * birthday morning), keyed by campaign, profile and local date so it is scheduled once.
 */
export function localTimeTimer(compiled: CompiledCampaign, state: ProfileState, now: number, defaultTimeZone: string, payload: TriggerTimer['payload']): TriggerTimer | undefined {
  const { trigger, id } = compiled.campaign;
  if (trigger.type !== 'local_time') return undefined;
  const timeZone = state.lifetime.timezone ?? state.lifetime.lastLocation?.timezone ?? defaultTimeZone;
  const next = trigger.on === 'birthday' ? nextBirthdayOccurrence(state.traits.birthday, trigger.at, timeZone, now) : nextLocalOccurrence(trigger.at, timeZone, now);
  if (next === undefined) return undefined;
  return { key: `local:${id}:${state.id}:${next.localDate}`, kind: 'local_time', campaignId: id, profileId: state.id, dueAt: next.at, payload };
}

function isSystemEvent(event: StoredEvent): boolean {
  return event.type === 'track' && event.name !== undefined && SYSTEM_EVENTS.has(event.name);
}

function productOf(facts: ReturnType<typeof interpretCommerce>): { productId?: string } {
  const productId = facts.products[0]?.productId;
  return productId === undefined ? {} : { productId };
}

/**
 * For each shopping event of the batch: its number within its session (the state holds the count after
 * the whole batch, so later events of the same session are subtracted) and whether it is the profile's
 * last event of the batch in that session (where whole-session judgements such as propensity are made).
 */
function sessionPositions(events: readonly StoredEvent[], states: ReadonlyMap<string, ProfileState>): Map<StoredEvent, { count: number; last: boolean }> {
  const positions = new Map<StoredEvent, { count: number; last: boolean }>();
  const laterInSession = new Map<string, number>();
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (!isShoppingEvent(event)) continue;
    const session = states.get(event.profileId)?.sessions[event.channel];
    if (session === undefined || session.id !== event.sessionId) continue;
    const later = laterInSession.get(event.sessionId) ?? 0;
    positions.set(event, { count: session.events - later, last: later === 0 });
    laterInSession.set(event.sessionId, later + 1);
  }
  return positions;
}
