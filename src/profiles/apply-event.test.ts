import { describe, expect, it } from 'vitest';
import type { KairosEvent } from '../ingestion/kairos-event.js';
import { normalizeMessage } from '../ingestion/normalize-message.js';
import { applyEvent } from './apply-event.js';
import { DELIVERY_MEMORY_MS, MAX_DELIVERIES } from './engagement.js';
import { AFFINITY_HALF_LIFE_MS, MAX_AFFINITIES, MAX_PURCHASED_PRODUCTS, MAX_SESSION_EVENT_NAMES, SESSION_TIMEOUT_MS } from './feature-constants.js';
import { emptyProfileState } from './profile-state.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
let sequence = 0;

function track(name: string, at: number, properties: Record<string, unknown> = {}, channel = 'web'): KairosEvent {
  const result = normalizeMessage(
    { type: 'track', event: name, anonymousId: 'a1', messageId: `m${++sequence}`, timestamp: new Date(at).toISOString(), properties, context: { channel } },
    { receivedAt: at },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.event;
}

describe('applyEvent: what Kairos did and what service knows', () => {
  it('remembers delivered interventions for the caps, without opening a shopping session', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Intervention Delivered', T0, { campaignId: 'cmp_1', variantId: 'a', channel: 'web' }));
    applyEvent(state, track('Intervention Delivered', T0 + 1000, { campaignId: 'cmp_2', variantId: 'b', channel: 'email' }, 'email'));
    applyEvent(state, track('Intervention Held Out', T0 + 2000, { campaignId: 'cmp_3', decisionId: 'dec_3' }));
    expect(state.deliveries).toEqual([
      { campaignId: 'cmp_1', channel: 'web', at: T0, variantId: 'a' },
      { campaignId: 'cmp_2', channel: 'email', at: T0 + 1000, variantId: 'b' },
    ]);
    expect(state.holdouts).toEqual([{ campaignId: 'cmp_3', decisionId: 'dec_3', at: T0 + 2000 }]);
    expect(state.sessions).toEqual({});
    expect(state.lifetime.sessions).toBe(0);
  });

  it('forgets deliveries older than the longest cap window, and keeps at most MAX_DELIVERIES', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Intervention Delivered', T0, { campaignId: 'old', channel: 'web' }));
    for (let i = 0; i < MAX_DELIVERIES + 5; i++) {
      applyEvent(state, track('Intervention Delivered', T0 + DELIVERY_MEMORY_MS + 1 + i, { campaignId: `c${i}`, channel: 'web' }));
    }
    expect(state.deliveries).toHaveLength(MAX_DELIVERIES);
    expect(state.deliveries![0]!.campaignId).toBe('c5');
    expect(state.deliveries!.some((delivery) => delivery.campaignId === 'old')).toBe(false);
  });

  it('counts open complaints, never below zero', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Complaint Resolved', T0));
    applyEvent(state, track('Complaint Opened', T0 + 1));
    applyEvent(state, track('Complaint Opened', T0 + 2));
    applyEvent(state, track('Complaint Resolved', T0 + 3));
    expect(state.openComplaints).toBe(1);
  });

  it('remembers what was bought and when, the most recent purchases only', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Order Completed', T0, { order_id: 'o1', products: [{ product_id: 'shoe-1', price: 80, quantity: 1 }] }));
    applyEvent(state, track('Order Completed', T0 + 5, { order_id: 'o2', products: [{ product_id: 'shoe-1', price: 80, quantity: 1 }] }));
    expect(state.lifetime.purchasedProducts).toEqual([{ productId: 'shoe-1', at: T0 + 5 }]);
    for (let i = 0; i < MAX_PURCHASED_PRODUCTS; i++) {
      applyEvent(state, track('Order Completed', T0 + 10 + i, { order_id: `x${i}`, products: [{ product_id: `p${i}`, price: 1, quantity: 1 }] }));
    }
    expect(state.lifetime.purchasedProducts).toHaveLength(MAX_PURCHASED_PRODUCTS);
    expect(state.lifetime.purchasedProducts!.map((bought) => bought.productId)).not.toContain('shoe-1');
  });

  it('adds decayed interest per category and brand (brands lower-cased), keeping the strongest MAX_AFFINITIES', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Product Viewed', T0, { product_id: 'p1', category: 'Shoes', brand: 'Stride' }));
    applyEvent(state, track('Product Added', T0 + AFFINITY_HALF_LIFE_MS, { product_id: 'p1', category: 'Shoes', brand: 'STRIDE' }));
    expect(state.lifetime.categoryAffinity).toEqual([{ name: 'Shoes', score: 3.5, at: T0 + AFFINITY_HALF_LIFE_MS }]);
    expect(state.lifetime.brandAffinity).toEqual([{ name: 'stride', score: 3.5, at: T0 + AFFINITY_HALF_LIFE_MS }]);

    const later = T0 + 2 * AFFINITY_HALF_LIFE_MS;
    for (let i = 0; i < MAX_AFFINITIES; i++) applyEvent(state, track('Product Viewed', later + i, { product_id: `q${i}`, category: `C${i}` }));
    expect(state.lifetime.categoryAffinity).toHaveLength(MAX_AFFINITIES);
    expect(state.lifetime.categoryAffinity.map((entry) => entry.name)).not.toContain('C0');
    expect(state.lifetime.categoryAffinity[0]).toMatchObject({ name: 'Shoes' });
  });
});

describe('applyEvent: the session’s tally of event names', () => {
  it('counts every event of the session under its name, client signals too, but not what Kairos did; a new session starts afresh', () => {
    const state = emptyProfileState('prf_1', T0);
    applyEvent(state, track('Product Viewed', T0));
    applyEvent(state, track('Heartbeat', T0 + 1000));
    applyEvent(state, track('Product Viewed', T0 + 2000));
    applyEvent(state, track('Intervention Delivered', T0 + 3000, { campaignId: 'cmp_1', channel: 'web' }));
    applyEvent(state, track('Product Viewed', T0 + 4000, {}, 'app'));
    expect(state.sessions.web?.eventCounts).toEqual({ 'Product Viewed': 2, Heartbeat: 1 });
    expect(state.sessions.app?.eventCounts).toEqual({ 'Product Viewed': 1 });

    applyEvent(state, track('Cart Viewed', T0 + 2000 + SESSION_TIMEOUT_MS + 1));
    expect(state.sessions.web?.eventCounts).toEqual({ 'Cart Viewed': 1 });
  });

  it('stops keeping the tally of a session with too many names, or with a name no JSON object can hold', () => {
    const state = emptyProfileState('prf_1', T0);
    for (let i = 0; i < MAX_SESSION_EVENT_NAMES; i++) applyEvent(state, track(`Event ${i}`, T0 + i));
    expect(Object.keys(state.sessions.web!.eventCounts!)).toHaveLength(MAX_SESSION_EVENT_NAMES);
    applyEvent(state, track('Event 0', T0 + 100));
    expect(state.sessions.web!.eventCounts!['Event 0']).toBe(2);
    applyEvent(state, track('One name too many', T0 + 101));
    expect(state.sessions.web!.eventCounts).toBeUndefined();
    applyEvent(state, track('Event 1', T0 + 102));
    expect(state.sessions.web!.eventCounts).toBeUndefined();

    const odd = emptyProfileState('prf_2', T0);
    applyEvent(odd, track('constructor', T0));
    expect(odd.sessions.web!.eventCounts).toEqual({ constructor: 1 });
    applyEvent(odd, track('__proto__', T0 + 1));
    expect(odd.sessions.web!.eventCounts).toBeUndefined();
  });
});
