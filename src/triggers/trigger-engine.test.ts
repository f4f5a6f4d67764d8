import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignInput } from '../campaigns/campaign.js';
import { createKairos } from '../app/create-kairos.js';
import { eppArtifactWithWeights } from '../test-support/epp-artifact-fixture.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';
import type { TriggeredDelivery } from './triggered-delivery.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A sink that keeps what it is given, refusing keys it has seen (as the outbox does), and can be made to fail. */
class RecordingSink {
  readonly delivered: TriggeredDelivery[] = [];
  failNext = false;
  async deliver(delivery: TriggeredDelivery): Promise<boolean> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('outbox unavailable');
    }
    if (this.delivered.some((earlier) => earlier.idempotencyKey === delivery.idempotencyKey)) return false;
    this.delivered.push(delivery);
    return true;
  }
}

function campaign(trigger: CampaignInput['trigger'], overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: `On ${trigger.type}`,
    status: 'active',
    trigger,
    variants: [{ id: 'v1', kind: 'custom', channel: 'web', content: { body: 'Hello {{ profile.traits.firstName | default: "there" }}' } }],
    ...overrides,
  };
}

describe('TriggerEngine', () => {
  let kairos: TempKairos;
  let sink: RecordingSink;
  let messages = 0;

  beforeEach(async () => {
    sink = new RecordingSink();
    // A hand-written purchase model: 5% until the 5th event of a session, 50% at it.
    kairos = createTempKairos({ KAIROS_QUIET_HOURS: 'off' }, undefined, { deliverySink: sink, eppArtifact: eppArtifactWithWeights('hand-epp', -3, { 'click=5': 3 }) });
    kairos.triggers.start();
    await kairos.catalog.putProduct('shoe-1', { name: 'Trail runner', categoryPath: ['Women', 'Shoes'], price: 89, currency: 'EUR', inventory: 40 });
  });
  afterEach(async () => {
    await kairos.dispose();
  });

  const send = async (message: Record<string, unknown>) => {
    await kairos.ingestion.ingest([{ anonymousId: 'anon-1', messageId: `m${++messages}`, timestamp: new Date(kairos.clock.now()).toISOString(), ...message }]);
    await settle();
  };
  const track = (event: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => send({ type: 'track', event, properties, ...extra });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await kairos.presence.idle();
      await kairos.triggers.idle();
    }
  };
  const history = async () =>
    (await kairos.stores.events.namedSince((await kairos.profiles.findState([{ type: 'anonymousId', value: 'anon-1' }]))!.id, ['Intervention Delivered', 'Intervention Held Out', 'Store Entered', 'Store Left'], 0, 100))
      .sort((a, b) => a.seq - b.seq)
      .map((event) => event.name);

  it('fires an event trigger whose condition holds, with the event in the template, once per event', async () => {
    await kairos.campaigns.create(
      campaign(
        { type: 'event', when: { all: [{ path: 'event.name', eq: 'Order Completed' }, { path: 'event.properties.total', gte: 50 }] } },
        { variants: [{ id: 'thanks', kind: 'custom', channel: 'web', content: { body: 'Thanks for order {{ event.properties.order_id }}' } }] },
      ),
    );
    await track('Order Completed', { order_id: 'o-small', total: 20 });
    await track('Product Viewed', { product_id: 'shoe-1' });
    await track('Order Completed', { order_id: 'o-big', total: 120 });
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Thanks for order o-big']);
    expect(sink.delivered[0]).toMatchObject({ channel: 'web', kind: 'custom', recipient: { anonymousId: 'anon-1' } });
    expect(await history()).toEqual(['Intervention Delivered']);
  });

  it('fires exit intent and the Nth event at most once per session', async () => {
    await kairos.campaigns.create(campaign({ type: 'exit_intent' }, { name: 'exit' }));
    await kairos.campaigns.create(campaign({ type: 'session_event_count', count: 3 }, { name: 'third' }));
    await track('Product Viewed', { product_id: 'shoe-1' });
    await track('Exit Intent');
    await track('Exit Intent');
    await track('Heartbeat');
    expect(sink.delivered).toHaveLength(1);
    // Heartbeats and exit intent are not shopper events: the third event is this one.
    await send({ type: 'page', name: 'Home' });
    await send({ type: 'page', name: 'Sale' });
    expect(sink.delivered).toHaveLength(2);
    await send({ type: 'page', name: 'Again' });
    expect(sink.delivered).toHaveLength(2);
  });

  it('fires a dwell after N seconds on the same open product page, once per session, not after an add to cart', async () => {
    await kairos.campaigns.create(
      campaign({ type: 'dwell', seconds: 60 }, { variants: [{ id: 'proof', kind: 'social_proof', channel: 'web', content: { body: '{{ product.name }}: {{ product.viewsToday }} views today' } }] }),
    );
    await track('Product Viewed', { product_id: 'shoe-1' });
    kairos.clock.advance(30 * SECOND);
    await track('Heartbeat');
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);
    kairos.clock.advance(25 * SECOND);
    await track('Heartbeat');
    kairos.clock.advance(6 * SECOND);
    await kairos.triggers.checkTimers();
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Trail runner: 1 views today']);

    // Another long look in the same session: the dwell already spoke.
    await track('Product Viewed', { product_id: 'shoe-1' });
    kairos.clock.advance(61 * SECOND);
    await track('Heartbeat');
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(1);
  });

  it('does not fire a dwell when the shopper added to cart, or the page is no longer open', async () => {
    await kairos.campaigns.create(campaign({ type: 'dwell', seconds: 60 }));
    await track('Product Viewed', { product_id: 'shoe-1' });
    await track('Product Added', { product_id: 'shoe-1', price: 89 });
    kairos.clock.advance(61 * SECOND);
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);

    await send({ type: 'track', event: 'Product Viewed', properties: { product_id: 'shoe-1' }, anonymousId: 'anon-2' });
    kairos.clock.advance(120 * SECOND); // no heartbeat: the tab was closed
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);
  });

  it('fires cart abandonment once after the last cart change, retrying a failed delivery, and not after a checkout', async () => {
    await kairos.campaigns.create(campaign({ type: 'cart_abandonment', after: '30m' }, { variants: [{ id: 'back', kind: 'custom', channel: 'webhook', content: { body: 'Your cart misses you' } }] }));
    await track('Product Added', { product_id: 'shoe-1', price: 89 });
    kairos.clock.advance(20 * MINUTE);
    await track('Product Added', { product_id: 'shoe-1', price: 89 }); // moves the timer
    kairos.clock.advance(20 * MINUTE);
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);

    // A failing outbox rolls the claim back: the timer is still pending and fires on the next pass.
    kairos.clock.advance(11 * MINUTE);
    sink.failNext = true;
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);
    await kairos.triggers.checkTimers();
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Your cart misses you']);
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(1);

    await send({ type: 'track', event: 'Product Added', properties: { product_id: 'shoe-1', price: 89 }, anonymousId: 'anon-3' });
    await send({ type: 'track', event: 'Order Completed', properties: { order_id: 'o1', total: 89, products: [{ product_id: 'shoe-1' }] }, anonymousId: 'anon-3' });
    kairos.clock.advance(31 * MINUTE);
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(1);
  });

  it('keeps timers across a restart and fires each exactly once', async () => {
    await kairos.campaigns.create(campaign({ type: 'cart_abandonment', after: '30m' }));
    await track('Product Added', { product_id: 'shoe-1', price: 89 });
    await kairos.close();

    const reopen = () => {
      const again = createKairos(kairos.config, { clock: kairos.clock, deliverySink: sink });
      again.triggers.start();
      return again;
    };
    kairos.clock.advance(31 * MINUTE);
    for (let restart = 0; restart < 2; restart++) {
      const again = reopen();
      await again.triggers.checkTimers();
      await again.close();
    }
    expect(sink.delivered).toHaveLength(1);
    const last = reopen();
    expect(await last.stores.events.namedSince(sink.delivered[0]!.profileId, ['Intervention Delivered'], 0, 10)).toHaveLength(1);
    await last.close();
    rmSync(kairos.dataDir, { recursive: true, force: true });
    kairos = createTempKairos(); // for afterEach
  });

  it('turns Wi-Fi and geofence positions into store visits, and fires on entry with the store’s facts', async () => {
    await kairos.retailStores.put('ams-01', {
      name: 'Amsterdam Kalverstraat',
      location: { latitude: 52.37, longitude: 4.89 },
      geofence: { type: 'circle', radiusMeters: 80 },
      wifi: [{ ssid: 'Kairos-Guest' }],
      pickupPoint: 'the Customer Service Desk',
    });
    await kairos.campaigns.create(
      campaign(
        { type: 'geofence', on: 'enter' },
        {
          audience: { path: 'store.pickupsWaiting', gte: 1 },
          variants: [{ id: 'ready', kind: 'pickup_ready', channel: 'web', content: { body: 'Your order is waiting at {{ store.pickupPoint }} of {{ store.name }}' } }],
        },
      ),
    );
    await track('Store Wi-Fi Joined', { ssid: 'Kairos-Guest' }, { context: { channel: 'app' } });
    expect(sink.delivered).toHaveLength(0); // no order waiting
    await track('Order Completed', { order_id: 'o9', total: 60, fulfillment: 'pickup', store_id: 'ams-01', products: [{ product_id: 'shoe-1' }] });
    await track('Location Updated', {}, { context: { channel: 'app', location: { latitude: 52.372, longitude: 4.89 } } }); // ~220 m away: left
    await track('Location Updated', {}, { context: { channel: 'app', location: { latitude: 52.3702, longitude: 4.89 } } }); // inside again
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Your order is waiting at the Customer Service Desk of Amsterdam Kalverstraat']);
    expect(await history()).toEqual(['Store Entered', 'Store Left', 'Store Entered', 'Intervention Delivered']);
    const profile = await kairos.profiles.getProfile('anon-1');
    expect(profile.features.presence).toMatchObject({ storeId: 'ams-01', via: 'geofence' });
  });

  it('fires when the loyalty balance crosses the threshold, not while it stays above', async () => {
    await kairos.campaigns.create(
      campaign({ type: 'loyalty_points', atLeast: 1000 }, { variants: [{ id: 'redeem', kind: 'loyalty_reminder', channel: 'web', content: { body: 'Redeem your {{ profile.loyaltyPoints }} points' } }] }),
    );
    await send({ type: 'identify', userId: 'u-1', traits: { loyaltyPoints: 800 } });
    await track('Loyalty Points Earned', { balance: 1200 }, { userId: 'u-1' });
    await track('Loyalty Points Earned', { balance: 1300 }, { userId: 'u-1' });
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Redeem your 1200 points']);
  });

  it('fires when the purchase model puts the session in the band, once per session', async () => {
    await kairos.campaigns.create(campaign({ type: 'propensity', min: 0.3, max: 0.7 }));
    await track('Product Viewed', { product_id: 'shoe-1' });
    expect(sink.delivered).toHaveLength(0);
    for (let i = 0; i < 4; i++) await track('Product Viewed', { product_id: 'shoe-1' });
    expect(sink.delivered).toHaveLength(1);
    await track('Product Viewed', { product_id: 'shoe-1' });
    expect(sink.delivered).toHaveLength(1);
    const profile = await kairos.profiles.getProfile('anon-1');
    expect(profile.features.session).toMatchObject({ purchaseProbabilityModel: 'hand-epp' });
    expect(profile.features.session!.purchaseProbabilityHistory.map(([click, probability]) => [click, probability >= 0.3 && probability <= 0.7])).toEqual([
      [1, false], [2, false], [3, false], [4, false], [5, true], [6, false],
    ]);
  });

  it('logs a holdout and delivers nothing to it', async () => {
    await kairos.campaigns.create(campaign({ type: 'exit_intent' }, { holdoutPercent: 100 }));
    await track('Product Viewed', { product_id: 'shoe-1' });
    await track('Exit Intent');
    expect(sink.delivered).toHaveLength(0);
    expect(await history()).toEqual(['Intervention Held Out']);
  });

  it('sends a birthday message at the customer’s local morning, once', async () => {
    await kairos.campaigns.create(
      campaign({ type: 'local_time', at: '09:00', on: 'birthday' }, { variants: [{ id: 'bday', kind: 'custom', channel: 'web', content: { body: 'Happy birthday!' } }] }),
    );
    // 10:00 UTC on 2026-11-23 is 05:00 in New York; the birthday is today there.
    await send({ type: 'identify', userId: 'u-2', traits: { birthday: '1990-11-23' }, context: { timezone: 'America/New_York' } });
    kairos.clock.set(Date.parse('2026-11-23T13:59:00Z'));
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(0);
    kairos.clock.set(Date.parse('2026-11-23T14:00:00Z'));
    await kairos.triggers.checkTimers();
    await send({ type: 'page', name: 'Home', userId: 'u-2' });
    kairos.clock.advance(MINUTE);
    await kairos.triggers.checkTimers();
    expect(sink.delivered.map((delivery) => delivery.content.body)).toEqual(['Happy birthday!']);

    // A customer whose birthday is months away is scheduled for it as soon as she is seen.
    await send({ type: 'identify', userId: 'u-3', traits: { birthday: '1985-03-14' }, context: { timezone: 'Europe/Amsterdam' } });
    kairos.clock.set(Date.parse('2027-03-14T07:59:00Z'));
    await kairos.triggers.checkTimers();
    expect(sink.delivered).toHaveLength(1);
    kairos.clock.set(Date.parse('2027-03-14T08:00:00Z')); // 09:00 in Amsterdam
    await kairos.triggers.checkTimers();
    expect(sink.delivered.map((delivery) => delivery.recipient.userId)).toEqual(['u-2', 'u-3']);
  });

  it('reaches customers with a birthday who were last seen before the campaign started', async () => {
    await kairos.triggers.stop();
    for (let i = 0; i < 3; i++) await send({ type: 'identify', userId: `early-${i}`, traits: { birthday: i === 2 ? '1970-06-01' : '1988-11-24' } });
    await kairos.campaigns.create(campaign({ type: 'local_time', at: '09:00', on: 'birthday' }, { variants: [{ id: 'bday', kind: 'custom', channel: 'web', content: { body: 'Happy birthday!' } }] }));
    kairos.triggers.start();
    await kairos.triggers.checkTimers(); // the first pass sweeps every profile
    kairos.clock.set(Date.parse('2026-11-24T09:00:00Z'));
    await kairos.triggers.checkTimers();
    expect(sink.delivered.map((delivery) => delivery.recipient.userId).sort()).toEqual(['early-0', 'early-1']);
    const history = await kairos.profiles.events('early-0', { limit: 10 });
    expect(history.events.map((event) => event.name)).toContain('Intervention Delivered');
  });

  it('stays silent when the engine is not started (import and replay load history)', async () => {
    await kairos.triggers.stop();
    await kairos.campaigns.create(campaign({ type: 'exit_intent' }));
    await track('Product Viewed', { product_id: 'shoe-1' });
    await track('Exit Intent');
    expect(sink.delivered).toHaveLength(0);
  });
});
