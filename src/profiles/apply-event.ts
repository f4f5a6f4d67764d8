import { rememberViewed } from './recently-viewed.js';
import { interpretCommerce, type CommerceFacts } from '../ingestion/ecommerce-spec.js';
import type { JsonObject, KairosEvent } from '../ingestion/kairos-event.js';
import { applyConsentFromEvent } from './consent-from-event.js';
import { applyEngagement } from './engagement.js';
import { applyPickupsAndLoyalty } from './pickups-and-loyalty.js';
import {
  AFFINITY_HALF_LIFE_MS,
  AFFINITY_WEIGHTS,
  CLIENT_SIGNAL_EVENTS,
  MAX_AFFINITIES,
  MAX_PRODUCT_DWELL_MS,
  MAX_PURCHASED_PRODUCTS,
  MAX_SESSION_EVENT_NAMES,
  MAX_SESSION_ITEMS,
  SESSION_TIMEOUT_MS,
  SYSTEM_EVENTS,
} from './feature-constants.js';
import type { Affinity, DecayedScore, ProfileState, SessionState } from './profile-state.js';

/**
 * Folds one event into a profile's state: traits, consent, the session of its channel and the
 * lifetime features. Returns the id of the session the event belongs to. Pure apart from mutating
 * `state`, so a profile can be rebuilt from its event history by folding the events in order.
 */
export function applyEvent(state: ProfileState, event: KairosEvent, facts: CommerceFacts = interpretCommerce(event)): string {
  state.updatedAt = Math.max(state.updatedAt, event.timestamp);
  if (event.type === 'identify') mergeTraits(state, event.traits);
  applyConsentFromEvent(state, event);
  applyLocation(state, event);

  const lifetime = state.lifetime;
  lifetime.events += 1;
  lifetime.firstSeenAt = Math.min(lifetime.firstSeenAt, event.timestamp);
  lifetime.lastSeenAt = Math.max(lifetime.lastSeenAt, event.timestamp);
  lifetime.channelMix[event.channel] = (lifetime.channelMix[event.channel] ?? 0) + 1;

  if (event.type === 'track' && event.name !== undefined && SYSTEM_EVENTS.has(event.name)) {
    applyEngagement(state, event);
    return `system:${event.channel}`;
  }
  applyPickupsAndLoyalty(state, event, facts);
  const session = sessionFor(state, event);
  tallyEventName(session, event.name);
  if (event.type === 'track' && event.name !== undefined && CLIENT_SIGNAL_EVENTS.has(event.name)) {
    // The page is still open: the session (and a product page's dwell) goes on, but nothing was done.
    session.lastEventAt = Math.max(session.lastEventAt, event.timestamp);
    return session.id;
  }
  applyToSession(session, event, facts);
  applyCommerceToLifetime(state, event, facts);
  return session.id;
}

function sessionFor(state: ProfileState, event: KairosEvent): SessionState {
  const current = state.sessions[event.channel];
  const explicitId = typeof event.context.sessionId === 'string' ? event.context.sessionId : undefined;
  const expired =
    current === undefined ||
    (explicitId !== undefined ? current.explicitId !== explicitId : event.timestamp - current.lastEventAt > SESSION_TIMEOUT_MS);
  if (!expired) return current;
  const session: SessionState = {
    id: explicitId ?? `${event.channel}-${event.timestamp.toString(36)}-${shortHash(event.messageId)}`,
    channel: event.channel,
    startedAt: event.timestamp,
    lastEventAt: event.timestamp,
    events: 0,
    productViews: 0,
    products: [],
    categories: [],
    cartAdds: 0,
    cartValue: 0,
    searches: 0,
    purchases: 0,
    productDwellMs: 0,
    firstVisit: state.lifetime.sessions === 0,
    eventCounts: {},
  };
  if (explicitId !== undefined) session.explicitId = explicitId;
  state.lifetime.sessions += 1;
  state.sessions[event.channel] = session;
  return session;
}

/**
 * Counts the event under its name in the session's tally (every event of the session, as the log
 * holds them under its id), so a `count … in session` condition needs no read of the log. A session
 * of too many names drops its tally for good rather than keep a map of a client's every name.
 */
function tallyEventName(session: SessionState, name: string | undefined): void {
  const counts = session.eventCounts;
  if (counts === undefined || name === undefined) return;
  const seen = Object.hasOwn(counts, name);
  // `__proto__` cannot be a key of a plain object (the state is JSON): that session counts from the log.
  if (name === '__proto__' || (!seen && Object.keys(counts).length >= MAX_SESSION_EVENT_NAMES)) delete session.eventCounts;
  else counts[name] = (seen ? counts[name]! : 0) + 1;
}

function applyToSession(session: SessionState, event: KairosEvent, facts: CommerceFacts): void {
  if (session.openProductViewAt !== undefined && event.timestamp >= session.openProductViewAt) {
    session.productDwellMs += Math.min(event.timestamp - session.openProductViewAt, MAX_PRODUCT_DWELL_MS);
  }
  delete session.openProductViewAt;
  session.events += 1;
  session.startedAt = Math.min(session.startedAt, event.timestamp);
  if (session.events > 1) session.previousEventAt = session.lastEventAt;
  session.lastEventAt = Math.max(session.lastEventAt, event.timestamp);
  if (event.storeId !== undefined) session.storeId = event.storeId;
  const device = event.context.device as JsonObject | undefined;
  if (device && typeof device.type === 'string') session.deviceType = device.type;

  for (const product of facts.products) {
    if (facts.kind !== 'purchase' && facts.kind !== 'refund') addDistinct(session.products, product.productId);
    if (product.category !== undefined) addDistinct(session.categories, product.category);
  }
  switch (facts.kind) {
    case 'product_view':
      session.productViews += 1;
      session.openProductViewAt = event.timestamp;
      break;
    case 'cart_add':
      session.cartAdds += 1;
      session.cartValue += lineValue(facts);
      break;
    case 'cart_remove':
      session.cartValue = Math.max(0, session.cartValue - lineValue(facts));
      break;
    case 'search':
      session.searches += 1;
      break;
    case 'wishlist_add':
      session.wishlistAdds = (session.wishlistAdds ?? 0) + 1;
      break;
    case 'purchase':
      session.purchases += 1;
      session.cartValue = 0;
      break;
    default:
      break;
  }
}

function applyCommerceToLifetime(state: ProfileState, event: KairosEvent, facts: CommerceFacts): void {
  const lifetime = state.lifetime;
  if (facts.kind === 'purchase') {
    lifetime.orders += 1;
    lifetime.revenue += facts.revenue ?? 0;
    lifetime.lastOrderAt = Math.max(lifetime.lastOrderAt ?? 0, event.timestamp);
    rememberPurchases(lifetime, facts, event.timestamp);
  } else if (facts.kind === 'refund') {
    lifetime.revenue = Math.max(0, lifetime.revenue - (facts.revenue ?? 0));
  }
  rememberViewed(lifetime, facts, event.timestamp);
  const weight = AFFINITY_WEIGHTS[facts.kind as keyof typeof AFFINITY_WEIGHTS];
  if (weight === undefined) return;
  for (const product of facts.products) {
    if (product.category !== undefined) addAffinity(lifetime.categoryAffinity, product.category, weight, event.timestamp);
    if (product.brand !== undefined) addAffinity(lifetime.brandAffinity, product.brand.toLowerCase(), weight, event.timestamp);
  }
}

function rememberPurchases(lifetime: ProfileState['lifetime'], facts: CommerceFacts, at: number): void {
  const bought = (lifetime.purchasedProducts ??= []);
  for (const { productId } of facts.products) {
    const known = bought.find((entry) => entry.productId === productId);
    if (known) known.at = Math.max(known.at, at);
    else bought.push({ productId, at });
  }
  if (bought.length <= MAX_PURCHASED_PRODUCTS) return;
  bought.sort((a, b) => a.at - b.at);
  bought.splice(0, bought.length - MAX_PURCHASED_PRODUCTS);
}

/** The score of an affinity at time `at`. */
export function decayedScore(entry: DecayedScore, at: number): number {
  return entry.score * Math.pow(2, -(at - entry.at) / AFFINITY_HALF_LIFE_MS);
}

/**
 * A decayed score after adding `weight` at `at`, as a new value: decayed to the later of the two times,
 * so a late event adds its own decayed weight instead of rewinding the score. Affinities and the search
 * vocabulary count interest this way.
 */
export function addToDecayedScore(entry: DecayedScore | undefined, weight: number, at: number): DecayedScore {
  if (entry === undefined) return { score: weight, at };
  if (at >= entry.at) return { score: roundScore(decayedScore(entry, at) + weight), at };
  return { score: roundScore(entry.score + weight * Math.pow(2, -(entry.at - at) / AFFINITY_HALF_LIFE_MS)), at: entry.at };
}

function addAffinity(affinities: Affinity[], name: string, weight: number, at: number): void {
  const known = affinities.find((entry) => entry.name === name);
  if (known) {
    const added = addToDecayedScore(known, weight, at);
    known.score = added.score;
    known.at = added.at;
    return;
  }
  affinities.push({ name, score: weight, at });
  if (affinities.length > MAX_AFFINITIES) {
    let weakest = 0;
    for (let index = 1; index < affinities.length; index++) {
      if (decayedScore(affinities[index]!, at) < decayedScore(affinities[weakest]!, at)) weakest = index;
    }
    affinities.splice(weakest, 1);
  }
}

/** Four decimals are plenty for a ranking score and keep the stored state (rewritten on every event) small. */
function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

function mergeTraits(state: ProfileState, traits: JsonObject): void {
  for (const [key, value] of Object.entries(traits)) {
    if (key === 'consent') continue;
    if (value === null) delete state.traits[key];
    else state.traits[key] = value;
  }
}

function applyLocation(state: ProfileState, event: KairosEvent): void {
  const location = event.context.location as JsonObject | undefined;
  const timezone = typeof event.context.timezone === 'string' ? event.context.timezone : undefined;
  if (timezone !== undefined) state.lifetime.timezone = timezone;
  if (location === undefined && event.storeId === undefined) return;
  const previous = state.lifetime.lastLocation;
  if (previous !== undefined && previous.at > event.timestamp) return;
  const next: NonNullable<typeof previous> = { at: event.timestamp };
  for (const field of ['latitude', 'longitude'] as const) if (typeof location?.[field] === 'number') next[field] = location[field] as number;
  for (const field of ['city', 'country', 'region'] as const) if (typeof location?.[field] === 'string') next[field] = location[field] as string;
  if (timezone !== undefined) next.timezone = timezone;
  if (event.storeId !== undefined) next.storeId = event.storeId;
  state.lifetime.lastLocation = next;
}

function lineValue(facts: CommerceFacts): number {
  let value = 0;
  for (const product of facts.products) value += (product.price ?? 0) * product.quantity;
  return value;
}

function addDistinct(list: string[], value: string): void {
  if (list.length < MAX_SESSION_ITEMS && !list.includes(value)) list.push(value);
}

/** FNV-1a, for short deterministic session ids; not for security. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
