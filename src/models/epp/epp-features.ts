import type { CommerceFacts, CommerceKind } from '../../ingestion/ecommerce-spec.js';
import { CHANNELS, type KairosEvent } from '../../ingestion/kairos-event.js';
import type { ProfileState, SessionState } from '../../profiles/profile-state.js';
import { localTime } from '../../profiles/profile-view.js';
import { FNV_OFFSET, hashText, hashValue, logBucket, slotOfHash } from './feature-hashing.js';
import { smoothedRate, type ItemStats } from './item-stats.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const COMMERCE_KINDS: readonly CommerceKind[] = [
  'product_view', 'product_list_view', 'cart_add', 'cart_remove', 'cart_view', 'checkout', 'purchase', 'refund', 'search', 'wishlist_add', 'coupon', 'other',
];
const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'tv', 'unknown'];

/**
 * The features of a session right after one of its events, as named values. Counts and durations are
 * already binned on a log scale, rates on a log-2 scale; `none` and `never` say a value is absent.
 */
export interface EppFeatureValues {
  click: number;
  kind: CommerceKind;
  views: number;
  distinct_items: number;
  revisits: number;
  categories: number;
  cart_adds: number;
  cart_value: number;
  wishlist_adds: number;
  searches: number;
  product_dwell: number;
  elapsed: number;
  last_gap: number | 'none';
  mean_gap: number | 'none';
  channel: string;
  device: string;
  hour: number;
  weekday: string;
  first_visit: boolean;
  item_views: number | 'none';
  item_conversion: number | 'none';
  item_cart_rate: number | 'none';
  category_views: number | 'none';
  category_conversion: number | 'none';
  orders: number;
  days_since_order: number | 'never';
  sessions: number;
  days_since_first_seen: number;
  lifetime_events: number;
}

/** The dense view's columns, in order: every value above, no crosses (trees find interactions themselves). */
export const EPP_DENSE_COLUMNS: readonly (keyof EppFeatureValues)[] = [
  'click', 'kind', 'views', 'distinct_items', 'revisits', 'categories', 'cart_adds', 'cart_value', 'wishlist_adds', 'searches', 'product_dwell', 'elapsed',
  'last_gap', 'mean_gap', 'channel', 'device', 'hour', 'weekday', 'first_visit', 'item_views', 'item_conversion', 'item_cart_rate', 'category_views',
  'category_conversion', 'orders', 'days_since_order', 'sessions', 'days_since_first_seen', 'lifetime_events',
];

/** Codes of the text columns in the dense view; a value not listed, or an absent one, is −1. */
const DENSE_CODES: Partial<Record<keyof EppFeatureValues, readonly string[]>> = { kind: COMMERCE_KINDS, channel: CHANNELS, device: DEVICE_TYPES, weekday: WEEKDAYS };

/**
 * The features of a session right after one of its events was folded into the profile: the session so
 * far, the item the event is about, and the customer's history before this session. The trainer and
 * the live scorer both call this on the state `applyEvent` produced, so they cannot disagree; the
 * hashed view (FTRL) and the dense view (trees) are both read from what it returns.
 */
export function eppFeatureValues(state: ProfileState, session: SessionState, event: KairosEvent, facts: CommerceFacts, items: ItemStats): EppFeatureValues {
  const elapsedSeconds = (session.lastEventAt - session.startedAt) / 1000;
  const { hour, weekday } = clockOf(state, event.timestamp);
  const product = facts.products[0];
  const item = product === undefined ? undefined : items.item(product.productId);
  const category = product?.category === undefined ? undefined : items.category(product.category);
  const lifetime = state.lifetime;
  return {
    click: Math.min(session.events, 30),
    kind: facts.kind,
    views: logBucket(session.productViews),
    distinct_items: logBucket(session.products.length),
    revisits: logBucket(session.productViews - session.products.length),
    categories: logBucket(session.categories.length),
    cart_adds: Math.min(session.cartAdds, 5),
    cart_value: logBucket(session.cartValue),
    wishlist_adds: Math.min(session.wishlistAdds ?? 0, 3),
    searches: Math.min(session.searches, 5),
    product_dwell: logBucket(session.productDwellMs / 1000),
    elapsed: logBucket(elapsedSeconds),
    last_gap: session.previousEventAt === undefined ? 'none' : logBucket((session.lastEventAt - session.previousEventAt) / 1000),
    mean_gap: session.events > 1 ? logBucket(elapsedSeconds / (session.events - 1)) : 'none',
    channel: session.channel,
    device: session.deviceType ?? 'unknown',
    hour,
    weekday,
    first_visit: session.firstVisit,
    item_views: product === undefined ? 'none' : logBucket(item?.views ?? 0),
    item_conversion: product === undefined ? 'none' : conversionBucket(smoothedRate(item, 'purchases')),
    item_cart_rate: product === undefined ? 'none' : conversionBucket(smoothedRate(item, 'cartAdds')),
    category_views: category === undefined ? 'none' : logBucket(category.views),
    category_conversion: category === undefined ? 'none' : conversionBucket(smoothedRate(category, 'purchases')),
    orders: logBucket(lifetime.orders),
    days_since_order: lifetime.lastOrderAt === undefined ? 'never' : logBucket((event.timestamp - lifetime.lastOrderAt) / DAY_MS),
    sessions: logBucket(lifetime.sessions),
    days_since_first_seen: logBucket((event.timestamp - lifetime.firstSeenAt) / DAY_MS),
    lifetime_events: logBucket(lifetime.events),
  };
}

/** The hash of each feature's `name=` prefix, in `EPP_DENSE_COLUMNS` order (every value, in the order eppFeatureValues sets them). */
const PREFIX_HASHES = EPP_DENSE_COLUMNS.map((name) => hashText(FNV_OFFSET, `${name}=`));
const CLICK_CART_ADDS = hashText(FNV_OFFSET, 'click×cart_adds=');
const CLICK_KIND = hashText(FNV_OFFSET, 'click×kind=');
const CLICK_ITEM_CONVERSION = hashText(FNV_OFFSET, 'click×item_conversion=');
const CART_ADDS_ORDERED = hashText(FNV_OFFSET, 'cart_adds×ordered=');
const KIND_ITEM_CONVERSION = hashText(FNV_OFFSET, 'kind×item_conversion=');
const CROSSES = 5;

/**
 * The hashed view for the linear model: one binary feature per `name=value`, plus a few crosses.
 * Returns the slots (see docs/prediction.md). The names are hashed as they would be written out
 * (`featureSlot('click=5')`), without writing them.
 */
export function hashedEppFeatures(values: EppFeatureValues): Int32Array {
  const slots = new Int32Array(EPP_DENSE_COLUMNS.length + CROSSES);
  for (let i = 0; i < EPP_DENSE_COLUMNS.length; i++) slots[i] = slotOfHash(hashValue(PREFIX_HASHES[i]!, values[EPP_DENSE_COLUMNS[i]!]));
  // Crosses a linear model cannot form itself: how much a cart add or a converting item says depends on
  // how far into the session it comes, and a cart means more from someone who has bought before.
  const click = Math.min(values.click, 10);
  let at = EPP_DENSE_COLUMNS.length;
  slots[at++] = crossSlot(CLICK_CART_ADDS, click, values.cart_adds);
  slots[at++] = crossSlot(CLICK_KIND, click, values.kind);
  slots[at++] = crossSlot(CLICK_ITEM_CONVERSION, click, values.item_conversion);
  slots[at++] = crossSlot(CART_ADDS_ORDERED, values.cart_adds, values.orders > 0);
  slots[at++] = crossSlot(KIND_ITEM_CONVERSION, values.kind, values.item_conversion);
  return slots;
}

/** The slot of `prefix` + `left×right`, where `prefix` is the hash of the cross's `a×b=` name. */
function crossSlot(prefix: number, left: number | string | boolean, right: number | string | boolean): number {
  return slotOfHash(hashValue(hashText(hashValue(prefix, left), '×'), right));
}

/** The dense view for trees: one number per column of `EPP_DENSE_COLUMNS`; absent values and unknown codes are −1. */
export function denseEppFeatures(values: EppFeatureValues): Float32Array {
  const dense = new Float32Array(EPP_DENSE_COLUMNS.length);
  EPP_DENSE_COLUMNS.forEach((column, i) => {
    const value = values[column];
    if (typeof value === 'number') dense[i] = value;
    else if (typeof value === 'boolean') dense[i] = value ? 1 : 0;
    else dense[i] = DENSE_CODES[column]?.indexOf(value) ?? -1;
  });
  return dense;
}

/** The hashed slots of a session after an event: what the live FTRL scorer reads. */
export function eppFeatures(state: ProfileState, session: SessionState, event: KairosEvent, facts: CommerceFacts, items: ItemStats): Int32Array {
  return hashedEppFeatures(eppFeatureValues(state, session, event, facts, items));
}

/** A rate in [0, 1] as a log-scale bucket: 1/1024 and below is 0, each doubling one more, 1 is 10. */
function conversionBucket(rate: number): number {
  return rate <= 0 ? 0 : Math.max(0, Math.min(10, Math.floor(Math.log2(rate)) + 11));
}

/** Hour and weekday where the shopper is, when their zone is known; in UTC otherwise. */
function clockOf(state: ProfileState, at: number): { hour: number; weekday: string } {
  const local = localTime(state.lifetime.timezone ?? state.lifetime.lastLocation?.timezone, at);
  if (local !== null) return { hour: local.hour, weekday: local.weekday };
  const date = new Date(at);
  return { hour: date.getUTCHours(), weekday: WEEKDAYS[date.getUTCDay()]! };
}
