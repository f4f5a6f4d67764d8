import { describe, expect, it } from 'vitest';
import type { KairosEvent } from '../ingestion/kairos-event.js';
import { normalizeMessage } from '../ingestion/normalize-message.js';
import { applyEvent } from './apply-event.js';
import { MAX_PUSH_SUBSCRIPTIONS } from './engagement.js';
import { emptyProfileState } from './profile-state.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
let sequence = 0;

function message(fields: Record<string, unknown>, at: number): KairosEvent {
  const result = normalizeMessage({ anonymousId: 'a1', messageId: `s${++sequence}`, timestamp: new Date(at).toISOString(), ...fields }, { receivedAt: at });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event;
}
const track = (event: string, at: number, properties: Record<string, unknown> = {}, context: Record<string, unknown> = { channel: 'web' }) =>
  message({ type: 'track', event, properties, context }, at);

const subscription = (n: number) => ({ endpoint: `https://push.example/${n}`, keys: { p256dh: `key${n}`, auth: `auth${n}` } });

describe('applyEvent: what stores and channels need to know', () => {
  it('keeps the newest usable push subscriptions and drops removed ones', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Push Subscription Added', T0, { subscription: { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } } }));
    applyEvent(state, track('Push Subscription Added', T0, { subscription: { endpoint: 'https://push.example/no-keys' } }));
    expect(state.pushSubscriptions).toBeUndefined();
    for (let n = 0; n < MAX_PUSH_SUBSCRIPTIONS + 2; n++) applyEvent(state, track('Push Subscription Added', T0 + n, { subscription: subscription(n) }));
    expect(state.pushSubscriptions!.map((kept) => kept.endpoint)).toEqual([2, 3, 4, 5, 6].map((n) => `https://push.example/${n}`));
    applyEvent(state, track('Push Subscription Removed', T0 + 100, { endpoint: 'https://push.example/4' }));
    expect(state.pushSubscriptions!.map((kept) => kept.endpoint)).not.toContain('https://push.example/4');
    expect(state.sessions).toEqual({});
  });

  it('knows which store the customer is in until they leave it', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Store Entered', T0, { storeId: 'ams-01', via: 'wifi' }, { channel: 'store' }));
    expect(state.presence).toEqual({ storeId: 'ams-01', since: T0, via: 'wifi' });
    applyEvent(state, track('Store Left', T0 + 1000, { storeId: 'other' }, { channel: 'store' }));
    expect(state.presence?.storeId).toBe('ams-01');
    applyEvent(state, track('Store Left', T0 + 2000, { storeId: 'ams-01' }, { channel: 'store' }));
    expect(state.presence).toBeUndefined();
  });

  it('remembers orders to collect in a store until they are picked up or cancelled', () => {
    const state = emptyProfileState('prf_1', T0);
    const order = (orderId: string, fulfillment: string, storeId?: string) =>
      track('Order Completed', T0, { order_id: orderId, total: 80, fulfillment, ...(storeId ? { store_id: storeId } : {}), products: [{ product_id: 'p1', price: 80 }] });
    applyEvent(state, order('o1', 'pickup', 'ams-01'));
    applyEvent(state, order('o2', 'delivery', 'ams-01'));
    applyEvent(state, order('o3', 'click_and_collect'));
    applyEvent(state, order('o4', 'Store_Pickup', 'utr-02'));
    expect(state.pickups).toEqual([
      { orderId: 'o1', storeId: 'ams-01', at: T0 },
      { orderId: 'o4', storeId: 'utr-02', at: T0 },
    ]);
    applyEvent(state, track('Order Picked Up', T0 + 1, { orderId: 'o1' }, { channel: 'pos' }));
    applyEvent(state, track('Order Cancelled', T0 + 2, { order_id: 'o4' }));
    expect(state.pickups).toBeUndefined();
  });

  it('tracks the loyalty balance and the one before it, from traits or loyalty events, ignoring late reports', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, message({ type: 'identify', userId: 'u1', traits: { loyaltyPoints: 800 } }, T0));
    expect(state.loyalty).toEqual({ points: 800, previousPoints: 0, at: T0 });
    applyEvent(state, track('Loyalty Points Earned', T0 + 10, { points: 400, balance: 1200 }));
    expect(state.loyalty).toEqual({ points: 1200, previousPoints: 800, at: T0 + 10 });
    applyEvent(state, track('Loyalty Points Updated', T0 + 5, { balance: 5 }));
    applyEvent(state, track('Loyalty Points Updated', T0 + 20, { balance: 'lots' }));
    expect(state.loyalty?.points).toBe(1200);
  });

  it('lets heartbeats and exit intent keep a product page open without counting them as session events', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Product Viewed', T0, { product_id: 'p1' }));
    applyEvent(state, track('Heartbeat', T0 + 15_000));
    applyEvent(state, track('Exit Intent', T0 + 20_000));
    const session = state.sessions.web!;
    expect(session.events).toBe(1);
    expect(session.openProductViewAt).toBe(T0);
    expect(session.lastEventAt).toBe(T0 + 20_000);
    applyEvent(state, track('Product Added', T0 + 30_000, { product_id: 'p1', price: 10 }));
    expect(session.openProductViewAt).toBeUndefined();
    expect(session.productDwellMs).toBe(30_000);
  });
});
