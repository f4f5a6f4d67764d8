import type { StoredEvent } from '../ingestion/kairos-event.js';
import type { IdentityRecord, MergeRecord, RefusalRecord } from '../identity/identity-types.js';
import { decayedScore } from './apply-event.js';
import { SESSION_TIMEOUT_MS } from './feature-constants.js';
import type { Affinity, ProfileState, SessionState } from './profile-state.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const FAVOURITES = 5;

export interface SessionFeatures {
  id: string;
  channel: SessionState['channel'];
  active: boolean;
  startedAt: string;
  lastEventAt: string;
  events: number;
  productViews: number;
  distinctProducts: number;
  distinctCategories: number;
  products: string[];
  categories: string[];
  /** From the first to the last event of the session. */
  dwellSeconds: number;
  productDwellSeconds: number;
  cartAdds: number;
  cartValue: number;
  searches: number;
  purchases: number;
  firstVisit: boolean;
  returningVisitor: boolean;
  /** Seconds from the session's start to now, while it is active; to its last event otherwise. */
  secondsSinceStart: number;
  storeId?: string;
  deviceType?: string;
  /**
   * The chance this session ends in a purchase (1 once it has), from the early-purchase model after the
   * session's latest event, and the model version that said so; null for a session never scored.
   */
  purchaseProbability: number | null;
  purchaseProbabilityModel: string | null;
  /** The probability after each of the session's first events: [click, probability]. */
  purchaseProbabilityHistory: Array<[number, number]>;
}

/** Features as of `now`: recency and decayed affinities are computed at read time from the stored state. */
export function describeFeatures(state: ProfileState, now: number) {
  const sessions = Object.values(state.sessions)
    .filter((session): session is SessionState => session !== undefined)
    .sort((a, b) => b.lastEventAt - a.lastEventAt)
    .map((session) => describeSession(session, now));
  const lifetime = state.lifetime;
  const lastActivity = lifetime.lastOrderAt ?? lifetime.lastSeenAt;
  return {
    session: sessions[0] ?? null,
    sessionsByChannel: sessions,
    lifetime: {
      firstSeenAt: new Date(lifetime.firstSeenAt).toISOString(),
      lastSeenAt: new Date(lifetime.lastSeenAt).toISOString(),
      events: lifetime.events,
      sessions: lifetime.sessions,
      recencyDays: round((now - lastActivity) / DAY_MS, 2),
      daysSinceLastOrder: lifetime.lastOrderAt === undefined ? null : round((now - lifetime.lastOrderAt) / DAY_MS, 2),
      frequency: lifetime.orders,
      monetary: round(lifetime.revenue, 2),
      averageOrderValue: lifetime.orders > 0 ? round(lifetime.revenue / lifetime.orders, 2) : null,
      favouriteCategories: favourites(lifetime.categoryAffinity, now),
      favouriteBrands: favourites(lifetime.brandAffinity, now),
      channelMix: lifetime.channelMix,
      lastLocation: lifetime.lastLocation
        ? { ...lifetime.lastLocation, at: new Date(lifetime.lastLocation.at).toISOString() }
        : null,
      localTime: localTime(lifetime.timezone ?? lifetime.lastLocation?.timezone, now),
      loyaltyPoints: state.loyalty?.points ?? null,
    },
    /** The store the customer is in now, from geofence or store Wi-Fi. */
    presence: state.presence ? { ...state.presence, since: new Date(state.presence.since).toISOString() } : null,
    /** Orders waiting in a store for the customer. */
    pickups: (state.pickups ?? []).map((pickup) => ({ ...pickup, at: new Date(pickup.at).toISOString() })),
  };
}

function describeSession(session: SessionState, now: number): SessionFeatures {
  const active = now - session.lastEventAt <= SESSION_TIMEOUT_MS;
  const view: SessionFeatures = {
    id: session.id,
    channel: session.channel,
    active,
    startedAt: new Date(session.startedAt).toISOString(),
    lastEventAt: new Date(session.lastEventAt).toISOString(),
    events: session.events,
    productViews: session.productViews,
    distinctProducts: session.products.length,
    distinctCategories: session.categories.length,
    products: session.products,
    categories: session.categories,
    dwellSeconds: round((session.lastEventAt - session.startedAt) / 1000, 1),
    productDwellSeconds: round(session.productDwellMs / 1000, 1),
    cartAdds: session.cartAdds,
    cartValue: round(session.cartValue, 2),
    searches: session.searches,
    purchases: session.purchases,
    firstVisit: session.firstVisit,
    returningVisitor: !session.firstVisit,
    secondsSinceStart: round(((active ? now : session.lastEventAt) - session.startedAt) / 1000, 1),
    purchaseProbability: session.purchaseProbability ?? null,
    purchaseProbabilityModel: session.purchaseProbabilityModel ?? null,
    purchaseProbabilityHistory: session.purchaseProbabilityHistory ?? [],
  };
  if (session.storeId !== undefined) view.storeId = session.storeId;
  if (session.deviceType !== undefined) view.deviceType = session.deviceType;
  return view;
}

function favourites(affinities: readonly Affinity[], now: number) {
  return affinities
    .map((entry) => ({ name: entry.name, score: round(decayedScore(entry, now), 3) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, FAVOURITES);
}

/** The customer's wall-clock time, when their time zone is known. */
export function localTime(timeZone: string | undefined, now: number): LocalTime | null {
  if (timeZone === undefined) return null;
  // Every decision asks, and the answer only changes once a minute (zone offsets are whole minutes).
  const minute = Math.floor(now / 60_000);
  const remembered = latestLocalTimes.get(timeZone);
  if (remembered?.minute === minute) return remembered.value;
  const format = localTimeFormat(timeZone);
  if (format === undefined) return null; // An unknown zone name sent by a client: no local time rather than a wrong one.
  const parts = Object.fromEntries(format.formatToParts(new Date(now)).map((part) => [part.type, part.value]));
  const value: LocalTime = Object.freeze({
    timeZone,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    hour: Number(parts.hour),
    weekday: parts.weekday!,
  });
  latestLocalTimes.set(timeZone, { minute, value });
  return value;
}

export interface LocalTime {
  readonly timeZone: string;
  readonly date: string;
  readonly time: string;
  readonly hour: number;
  readonly weekday: string;
}

/** Per zone Intl accepts, the local time of the latest minute asked for. */
const latestLocalTimes = new Map<string, { minute: number; value: LocalTime }>();

/** Formatters by zone: building one costs ~50 µs, using one ~3 µs, and decisions ask on every call. */
const localTimeFormats = new Map<string, Intl.DateTimeFormat>();

function localTimeFormat(timeZone: string): Intl.DateTimeFormat | undefined {
  let format = localTimeFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'long',
      });
    } catch {
      return undefined;
    }
    // Only zones Intl accepts are kept, and there are a few hundred of them.
    localTimeFormats.set(timeZone, format);
  }
  return format;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface ProfileView {
  id: string;
  createdAt: string;
  updatedAt: string;
  traits: ProfileState['traits'];
  consent: ProfileState['consent'];
  identities: Array<Omit<IdentityRecord, 'profileId' | 'firstSeenAt'> & { firstSeenAt: string }>;
  merges: Array<Omit<MergeRecord, 'at'> & { at: string }>;
  refusedMerges: Array<Omit<RefusalRecord, 'at'> & { at: string }>;
  features: ReturnType<typeof describeFeatures>;
  latestEvents: StoredEvent[];
}

export function describeProfile(
  state: ProfileState,
  now: number,
  related: { identities: IdentityRecord[]; merges: MergeRecord[]; refusals: RefusalRecord[]; latestEvents: StoredEvent[] },
): ProfileView {
  return {
    id: state.id,
    createdAt: new Date(state.createdAt).toISOString(),
    updatedAt: new Date(state.updatedAt).toISOString(),
    traits: state.traits,
    consent: state.consent,
    identities: related.identities.map(({ profileId: _profileId, firstSeenAt, ...rest }) => ({ ...rest, firstSeenAt: new Date(firstSeenAt).toISOString() })),
    merges: related.merges.map((merge) => ({ ...merge, at: new Date(merge.at).toISOString() })),
    refusedMerges: related.refusals.map((refusal) => ({ ...refusal, at: new Date(refusal.at).toISOString() })),
    features: describeFeatures(state, now),
    latestEvents: related.latestEvents,
  };
}
