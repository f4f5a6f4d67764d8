import type { ProductView } from '../catalog/product.js';
import type { Channel } from '../ingestion/kairos-event.js';
import type { ProfileState } from '../profiles/profile-state.js';
import { describeFeatures, localTime } from '../profiles/profile-view.js';
import type { DecideRequest } from './decide-request.js';
import type { Weather } from './weather/weather.js';

/**
 * What a decision knows, by root — the names conditions and templates use (docs/decisions.md):
 * `profile`, `session`, `lifetime`, `context`, `product`, `cart`. Facts that are unknown are absent,
 * never null or NaN, so a template that needs one makes its variant ineligible instead of printing
 * "undefined".
 */
export function decisionValues(input: {
  state: ProfileState | undefined;
  request: DecideRequest;
  channel: Channel;
  product: ProductView | undefined;
  now: number;
  defaultTimeZone: string;
  weather?: Weather | undefined;
  /** For triggered decisions: the event that fired the trigger (`event.*`). */
  event?: Record<string, unknown>;
  /** The store the decision is about (`store.*`): the one entered, left or named by the event. */
  store?: StoreFacts;
}): Record<string, unknown> {
  const { state, request, channel, product, now } = input;
  const features = state ? describeFeatures(state, now) : undefined;
  // `session` is the visit going on now: a session that timed out is history, and the shopper's next
  // event starts a new one, so conditions on it see no session at all.
  const described = features?.sessionsByChannel.find((candidate) => candidate.channel === channel);
  const session = described?.active ? described : undefined;
  const timeZone = request.context?.timezone ?? features?.lifetime.localTime?.timeZone ?? input.defaultTimeZone;
  const cartValue = request.context?.cart?.value ?? (session?.active ? session.cartValue : undefined);

  return withoutEmpty({
    profile: state
      ? {
          id: state.id,
          known: true,
          traits: state.traits,
          consent: Object.fromEntries(Object.entries(state.consent).map(([purpose, consent]) => [purpose, consent?.granted])),
          openComplaints: state.openComplaints ?? 0,
          loyaltyPoints: state.loyalty?.points,
          inStore: state.presence?.storeId,
        }
      : { known: false, traits: {}, consent: {}, openComplaints: 0 },
    session,
    lifetime: features?.lifetime,
    context: {
      channel,
      placement: request.placement,
      page: request.context?.page,
      device: request.context?.device,
      location: request.context?.location,
      timeZone,
      localTime: localTime(timeZone, now) ?? localTime(input.defaultTimeZone, now),
      weather: input.weather,
    },
    product: product && {
      id: product.id,
      name: product.name,
      brand: product.brand,
      price: product.price,
      currency: product.currency,
      category: product.categoryPath[product.categoryPath.length - 1],
      categoryPath: product.categoryPath,
      imageUrl: product.imageUrl,
      attributes: product.attributes,
      inventory: product.live.inventory,
      viewsLastHour: product.live.viewsLastHour,
      viewsToday: product.live.viewsToday,
      cartAddsToday: product.live.cartAddsToday,
      purchasesLastHour: product.live.purchasesLastHour,
      purchasesToday: product.live.purchasesToday,
      boughtByProfile: state?.lifetime.purchasedProducts?.some((bought) => bought.productId === product.id) ?? false,
    },
    event: input.event,
    store: input.store,
    cart: cartValue === undefined && request.context?.cart?.items === undefined ? undefined : { value: cartValue, items: request.context?.cart?.items },
  }) as Record<string, unknown>;
}

/** What a decision knows about a store: `open` only when its hours are known. */
export interface StoreFacts {
  id: string;
  name: string;
  pickupPoint?: string;
  open?: boolean;
  /** Orders of this customer waiting at this store. */
  pickupsWaiting: number;
}

/** The value without null, undefined or non-finite numbers anywhere in it: templates never see them. */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) if (present(item)) kept.push(withoutEmpty(item));
    return kept;
  }
  if (typeof value !== 'object' || value === null) return value;
  // for…in, not Object.entries: this copies every decision's whole context, and the pair arrays
  // Object.entries made were a tenth of a decision's time.
  const result: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (present(item)) result[key] = withoutEmpty(item);
  }
  return result;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && !(typeof value === 'number' && !Number.isFinite(value));
}
