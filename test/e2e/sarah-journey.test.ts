import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdoutShare } from '../../src/decisions/delivery-rules.js';
import { eventually } from '../../src/test-support/eventually.js';
import { startHttpReceiver, type HttpReceiver } from '../../src/test-support/http-receiver.js';
import { browserSubscription, decryptPushBody } from '../../src/test-support/push-browser.js';
import { interventions, openStream } from '../../src/test-support/stream-reader.js';
import { startTestServer, WRITE_KEY, type TestServer } from '../../src/test-support/test-server.js';

/**
 * The seed's journey, end to end over HTTP with real timers: Sarah clicks an email offer for women's
 * shoes, lingers on a product page, is shown social proof, buys for in-store pickup, is told her order
 * is waiting when her phone joins the store's Wi-Fi, and is reminded of her loyalty points when she
 * collects it. Beside her, shoppers without consent, in the holdout or asleep get nothing.
 */
const vapid = webPush.generateVAPIDKeys();

/** A zone where it is day now (quiet hours are 21:00–08:00), and one where it is night. */
function zoneWhere(wanted: (hour: number) => boolean): string {
  const zones = ['Pacific/Kiritimati', 'Pacific/Auckland', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Amsterdam', 'America/Sao_Paulo', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu'];
  const zone = zones.find((candidate) => wanted(Number(new Intl.DateTimeFormat('en-GB', { timeZone: candidate, hour: '2-digit', hourCycle: 'h23' }).format(Date.now()))));
  if (zone === undefined) throw new Error('no zone fits'); // the zones above span every hour of the day
  return zone;
}
const DAY_ZONE = zoneWhere((hour) => hour >= 10 && hour <= 18);
const NIGHT_ZONE = zoneWhere((hour) => hour >= 23 || hour <= 5);

describe('Sarah’s journey', () => {
  let server: TestServer;
  let pushService: HttpReceiver;
  let messages = 0;
  const ids: Record<string, string> = {};

  const send = (message: Record<string, unknown>) => server.request('POST', '/v1/batch', { body: { batch: [{ messageId: `j${++messages}`, ...message }] } });
  const subscriptionFor = (device: string) => browserSubscription(`${pushService.url}/push/${device}`);
  const pushesTo = (device: string) => pushService.requests.filter((request) => request.path === `/push/${device}`);
  const historyOf = async (userId: string) => ((await server.request('GET', `/v1/profiles/${userId}`, { auth: 'admin' })).body.latestEvents as Array<{ name: string; properties: Record<string, unknown>; channel: string }>);

  beforeAll(async () => {
    pushService = await startHttpReceiver(() => 201);
    server = await startTestServer({
      KAIROS_VAPID_PUBLIC_KEY: vapid.publicKey,
      KAIROS_VAPID_PRIVATE_KEY: vapid.privateKey,
      KAIROS_VAPID_SUBJECT: 'mailto:crm@shop.example',
      KAIROS_OUTBOX_BACKOFF_BASE_MS: '50',
    });
    const admin = (method: string, path: string, body: unknown) => server.request(method, path, { auth: 'admin', body });
    expect((await admin('PUT', '/v1/catalog/products/shoe-w-1', { name: 'Leather ankle boot', categoryPath: ['Women', 'Shoes'], price: 89, currency: 'EUR', inventory: 40 })).status).toBe(201);
    expect(
      (
        await admin('PUT', '/v1/stores/ams-01', {
          name: 'Amsterdam Kalverstraat',
          location: { latitude: 52.3702, longitude: 4.8932 },
          geofence: { type: 'circle', radiusMeters: 60 },
          wifi: [{ ssid: 'Shop-Guest' }],
          pickupPoint: 'the Customer Service Desk',
        })
      ).status,
    ).toBe(201);
    const create = async (name: string, body: Record<string, unknown>) => {
      const created = await admin('POST', '/v1/campaigns', { name, status: 'active', ...body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[name] = created.body.id;
    };
    await create('social proof on a long look', {
      priority: 10,
      goal: { event: 'Order Completed', within: '24h' },
      trigger: { type: 'dwell', seconds: 2 },
      audience: { all: [{ path: 'session.purchaseProbability', gte: 0.02 }, { path: 'session.purchaseProbability', lte: 0.5 }] },
      variants: [{ id: 'bought-today', kind: 'social_proof', channel: 'web', content: { body: '{{ profile.traits.firstName }}, {{ product.purchasesToday }} people have purchased this product today!' } }],
      caps: { perDay: 1 },
    });
    await create('pickup ready', {
      trigger: { type: 'geofence', on: 'enter' },
      audience: { path: 'store.pickupsWaiting', gte: 1 },
      variants: [{ id: 'desk', kind: 'pickup_ready', channel: 'push', content: { title: '{{ store.name }}', body: 'Your order is waiting at {{ store.pickupPoint }}' } }],
      holdoutPercent: 20,
    });
    await create('loyalty on the way out', {
      trigger: { type: 'event', when: { path: 'event.name', eq: 'Order Picked Up' } },
      audience: { path: 'profile.loyaltyPoints', gte: 1000 },
      variants: [{ id: 'extra-20', kind: 'loyalty_reminder', channel: 'push', content: { body: 'Redeem your {{ profile.loyaltyPoints | format_number }} points today for an extra 20% off' } }],
      caps: { perDay: 1 },
    });
    // Ten other customers bought the boot today: the number social proof may quote.
    for (let i = 0; i < 10; i++) {
      await send({ type: 'track', event: 'Order Completed', userId: `earlier-buyer-${i}`, properties: { order_id: `earlier-${i}`, total: 89, products: [{ product_id: 'shoe-w-1', price: 89 }] } });
    }
  });
  afterAll(async () => {
    await server?.dispose();
    await pushService?.close();
  });

  /** A customer who wants pushes, with a phone subscribed and an order to collect at the store. */
  const customer = async (userId: string, options: { consent: boolean; zone: string; device: string }) => {
    await send({ type: 'identify', userId, traits: { firstName: userId, loyaltyPoints: 1200, consent: { push: options.consent } }, context: { timezone: options.zone } });
    await send({ type: 'track', event: 'Push Subscription Added', userId, properties: { subscription: subscriptionFor(options.device).subscription }, context: { channel: 'app' } });
    await send({ type: 'track', event: 'Order Completed', userId, properties: { order_id: `order-${userId}`, total: 89, fulfillment: 'pickup', store_id: 'ams-01', products: [{ product_id: 'shoe-w-1', price: 89 }] } });
  };

  it('takes Sarah from an email click to social proof, a pickup notice on store Wi-Fi and a loyalty reminder, within caps, consent and holdouts', async () => {
    // Campaign ids differ per run, and so does who falls in the pickup campaign's 20% holdout: the test
    // picks a shopper inside it, and Sarah, Tom (no consent) and Nina (asleep) outside it, so that
    // what stops Tom and Nina is consent and quiet hours, not the holdout.
    const outsideHoldout = (name: string) => Array.from({ length: 50 }, (_, i) => `${name}-${i}`).find((id) => holdoutShare(id, ids['pickup ready']!) >= 20)!;
    const [sarah, tom, nina] = [outsideHoldout('sarah'), outsideHoldout('tom'), outsideHoldout('nina')];
    const heldOut = Array.from({ length: 50 }, (_, i) => `shopper-${i}`).find((id) => holdoutShare(id, ids['pickup ready']!) < 20)!;
    const phone = browserSubscription(`${pushService.url}/push/sarah-phone`);
    await send({ type: 'identify', userId: sarah, anonymousId: 'sarah-browser', traits: { firstName: 'Sarah', email: 'sarah@example.com', loyaltyPoints: 1200, consent: { push: true, email: true } }, context: { timezone: DAY_ZONE } });
    await send({ type: 'track', event: 'Push Subscription Added', userId: sarah, properties: { subscription: phone.subscription }, context: { channel: 'app' } });

    // 1. She clicks the email offer and lands on the boot's page; her browser holds the live stream open.
    const stream = await openStream(server, `writeKey=${WRITE_KEY}&anonymousId=sarah-browser`);
    expect(stream.status).toBe(200);
    await send({ type: 'page', name: 'Leather ankle boot', userId: sarah, anonymousId: 'sarah-browser', properties: { url: 'https://shop.example/p/shoe-w-1?utm_medium=email' }, context: { campaign: { source: 'newsletter', medium: 'email', name: 'womens-shoes' } } });
    await send({ type: 'track', event: 'Product Viewed', userId: sarah, anonymousId: 'sarah-browser', properties: { product_id: 'shoe-w-1', category: 'Women/Shoes', price: 89 } });
    // 2. She stays without adding to cart; the page keeps beating.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await send({ type: 'track', event: 'Heartbeat', userId: sarah, anonymousId: 'sarah-browser', properties: { product_id: 'shoe-w-1' } });

    // 3. Her propensity is low but actionable, so the dwell shows her social proof on the page.
    const [shown] = await eventually(() => {
      const received = interventions(stream.text());
      expect(received).toHaveLength(1);
      return received;
    });
    expect(shown).toMatchObject({ campaignId: ids['social proof on a long look'], kind: 'social_proof', channel: 'web', content: { body: 'Sarah, 10 people have purchased this product today!' } });
    const profile = (await server.request('GET', `/v1/profiles/${sarah}`, { auth: 'admin' })).body;
    expect(profile.features.session.purchaseProbability).toBeGreaterThanOrEqual(0.02);
    expect(profile.features.session.purchaseProbability).toBeLessThanOrEqual(0.5);
    expect(profile.features.session.purchaseProbabilityModel).toBe('epp-taobao-2017'); // the bundled model (models/README.md)

    // A second long look in the same visit: the dwell has spoken (once per session, perDay 1).
    await send({ type: 'track', event: 'Product Viewed', userId: sarah, anonymousId: 'sarah-browser', properties: { product_id: 'shoe-w-1' } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await send({ type: 'track', event: 'Heartbeat', userId: sarah, anonymousId: 'sarah-browser', properties: { product_id: 'shoe-w-1' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(interventions(stream.text())).toHaveLength(1);
    stream.close();

    // 4. She buys, choosing in-store pickup; the purchase converts the social-proof exposure.
    await send({ type: 'track', event: 'Order Completed', userId: sarah, anonymousId: 'sarah-browser', properties: { order_id: 'sarah-order-1', total: 89, fulfillment: 'pickup', store_id: 'ams-01', products: [{ product_id: 'shoe-w-1', price: 89 }] } });

    // Others with orders waiting: one without push consent, one in the holdout, one whose night it is.
    await customer(tom, { consent: false, zone: DAY_ZONE, device: 'tom-phone' });
    await customer(heldOut, { consent: true, zone: DAY_ZONE, device: 'held-out-phone' });
    await customer(nina, { consent: true, zone: NIGHT_ZONE, device: 'nina-phone' });

    // 5. The next day her phone joins the store's Wi-Fi: "your order is waiting at the Customer Service Desk".
    for (const userId of [sarah, tom, heldOut, nina]) await send({ type: 'track', event: 'Store Wi-Fi Joined', userId, properties: { ssid: 'Shop-Guest' }, context: { channel: 'app' } });
    const [pickupPush] = await eventually(() => {
      expect(pushesTo('sarah-phone')).toHaveLength(1);
      return pushesTo('sarah-phone');
    });
    expect(JSON.parse(decryptPushBody(pickupPush!.body, phone.keys, phone.auth))).toMatchObject({
      campaignId: ids['pickup ready'],
      kind: 'pickup_ready',
      channel: 'push',
      content: { title: 'Amsterdam Kalverstraat', body: 'Your order is waiting at the Customer Service Desk' },
    });

    // 6. Collecting it at the desk, she is reminded of her points.
    await send({ type: 'track', event: 'Order Picked Up', userId: sarah, properties: { order_id: 'sarah-order-1' }, context: { channel: 'pos' } });
    const loyaltyPush = await eventually(() => {
      expect(pushesTo('sarah-phone')).toHaveLength(2);
      return pushesTo('sarah-phone')[1]!;
    });
    expect(JSON.parse(decryptPushBody(loyaltyPush.body, phone.keys, phone.auth)).content.body).toBe('Redeem your 1,200 points today for an extra 20% off');

    // A second collection the same day: the loyalty campaign's cap (perDay 1) holds.
    await send({ type: 'track', event: 'Order Picked Up', userId: sarah, properties: { order_id: 'sarah-order-0' }, context: { channel: 'pos' } });

    // What was sent, on which channel: one web intervention and two pushes, each sent and in her history.
    const outbox = await eventually(async () => {
      const listed = (await server.request('GET', `/v1/outbox?profileId=${profile.id}`, { auth: 'admin' })).body.messages as Array<{ channel: string; status: string; campaignId: string }>;
      expect(listed.map((message) => [message.channel, message.status]).sort()).toEqual([['push', 'delivered'], ['push', 'delivered'], ['web', 'delivered']]);
      return listed;
    });
    expect(outbox.map((message) => message.campaignId).sort()).toEqual([ids['social proof on a long look'], ids['pickup ready'], ids['loyalty on the way out']].sort());
    const history = await eventually(async () => {
      const events = await historyOf(sarah);
      expect(events.filter((event) => event.name === 'Intervention Sent')).toHaveLength(3);
      return events;
    });
    expect(history.filter((event) => event.name === 'Intervention Delivered').map((event) => event.properties.channel).sort()).toEqual(['push', 'push', 'web']);
    expect(history.filter((event) => event.name === 'Store Entered').map((event) => event.properties.storeId)).toEqual(['ams-01']);
    const converted = history.find((event) => event.name === 'Intervention Converted');
    expect(converted?.properties).toMatchObject({ campaignId: ids['social proof on a long look'], arm: 'treatment', value: 89 });

    // Consent, holdout and quiet hours: nothing pushed to the others, and the holdout is logged.
    expect(pushesTo('tom-phone')).toHaveLength(0);
    expect(pushesTo('held-out-phone')).toHaveLength(0);
    expect(pushesTo('nina-phone')).toHaveLength(0);
    await eventually(async () => expect((await historyOf(heldOut)).map((event) => event.name)).toContain('Intervention Held Out'));
    for (const userId of [tom, heldOut, nina]) {
      expect((await historyOf(userId)).map((event) => event.name)).not.toContain('Intervention Delivered');
    }
    expect(pushService.requests).toHaveLength(2);
    const results = (await server.request('GET', `/v1/campaigns/${ids['social proof on a long look']}/results`, { auth: 'admin' })).body;
    expect(results.treatment).toMatchObject({ exposures: 1, conversions: 1, value: 89 });
    const metrics = (await server.request('GET', '/metrics', { auth: 'none' })).body as string;
    expect(metrics).toContain('kairos_triggered_decisions_total{trigger="dwell",outcome="chosen"} 1');
    expect(metrics).toContain('kairos_triggered_decisions_total{trigger="geofence",outcome="held_out"} 1');
    // Tom (no push consent) and Nina (quiet hours) had no variant they could be sent.
    expect(metrics).toContain('kairos_triggered_decisions_total{trigger="geofence",outcome="no_eligible_variant"} 2');
    expect(metrics).toMatch(/kairos_triggered_decisions_total\{trigger="event",outcome="campaign_cap"\} 1/);
  });
});
