import type { CommerceFacts } from '../../ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import type { ProfileState, SessionState } from '../../profiles/profile-state.js';
import { localTime } from '../../profiles/profile-view.js';
import { featureSlot, logBucket } from './feature-hashing.js';
import { smoothedRate, type ItemStats } from './item-stats.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The features of a session right after one of its events was folded into the profile: the session so
 * far, the item the event is about, and the customer's history before this session. The trainer and
 * the live scorer both call this on the state `applyEvent` produced, so they cannot disagree.
 * Returns hashed slots of binary features (numbers are binned on a log scale; see docs/prediction.md).
 */
export function eppFeatures(state: ProfileState, session: SessionState, event: KairosEvent, facts: CommerceFacts, items: ItemStats): number[] {
  const names: string[] = [];
  const add = (name: string, value: string | number | boolean) => names.push(`${name}=${value}`);

  const click = Math.min(session.events, 30);
  const elapsedSeconds = (session.lastEventAt - session.startedAt) / 1000;
  const cartAdds = Math.min(session.cartAdds, 5);
  add('click', click);
  add('kind', facts.kind);
  add('views', logBucket(session.productViews));
  add('distinct_items', logBucket(session.products.length));
  add('revisits', logBucket(session.productViews - session.products.length));
  add('categories', logBucket(session.categories.length));
  add('cart_adds', cartAdds);
  add('cart_value', logBucket(session.cartValue));
  add('wishlist_adds', Math.min(session.wishlistAdds ?? 0, 3));
  add('searches', Math.min(session.searches, 5));
  add('product_dwell', logBucket(session.productDwellMs / 1000));
  add('elapsed', logBucket(elapsedSeconds));
  add('last_gap', session.previousEventAt === undefined ? 'none' : logBucket((session.lastEventAt - session.previousEventAt) / 1000));
  add('mean_gap', session.events > 1 ? logBucket(elapsedSeconds / (session.events - 1)) : 'none');
  add('channel', session.channel);
  add('device', session.deviceType ?? 'unknown');
  const { hour, weekday } = clockOf(state, event.timestamp);
  add('hour', hour);
  add('weekday', weekday);
  add('first_visit', session.firstVisit);

  const product = facts.products[0];
  const item = product === undefined ? undefined : items.item(product.productId);
  const category = product?.category === undefined ? undefined : items.category(product.category);
  const itemConversion = product === undefined ? 'none' : conversionBucket(smoothedRate(item, 'purchases'));
  add('item_views', product === undefined ? 'none' : logBucket(item?.views ?? 0));
  add('item_conversion', itemConversion);
  add('item_cart_rate', product === undefined ? 'none' : conversionBucket(smoothedRate(item, 'cartAdds')));
  add('category_views', category === undefined ? 'none' : logBucket(category.views));
  add('category_conversion', category === undefined ? 'none' : conversionBucket(smoothedRate(category, 'purchases')));

  const lifetime = state.lifetime;
  const ordered = lifetime.orders > 0;
  add('orders', logBucket(lifetime.orders));
  add('days_since_order', lifetime.lastOrderAt === undefined ? 'never' : logBucket((event.timestamp - lifetime.lastOrderAt) / DAY_MS));
  add('sessions', logBucket(lifetime.sessions));
  add('days_since_first_seen', logBucket((event.timestamp - lifetime.firstSeenAt) / DAY_MS));
  add('lifetime_events', logBucket(lifetime.events));

  // Crosses a linear model cannot form itself: how much a cart add or a converting item says depends on
  // how far into the session it comes, and a cart means more from someone who has bought before.
  add('click×cart_adds', `${Math.min(click, 10)}×${cartAdds}`);
  add('click×kind', `${Math.min(click, 10)}×${facts.kind}`);
  add('click×item_conversion', `${Math.min(click, 10)}×${itemConversion}`);
  add('cart_adds×ordered', `${cartAdds}×${ordered}`);
  add('kind×item_conversion', `${facts.kind}×${itemConversion}`);
  return names.map(featureSlot);
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
