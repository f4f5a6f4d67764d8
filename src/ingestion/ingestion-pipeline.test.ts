import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';

let kairos: TempKairos;
let counter = 0;
const at = (minutes: number) => new Date(Date.parse('2026-11-23T09:00:00.000Z') + minutes * 60_000).toISOString();
const msg = (fields: Record<string, unknown>) => ({ messageId: `m-${++counter}`, ...fields });

beforeEach(() => {
  kairos = createTempKairos();
});
afterEach(async () => {
  await kairos.dispose();
});

describe('identity resolution through the pipeline', () => {
  it('joins anonymous browsing to the customer who logs in, keeping the history in order', async () => {
    await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'anon-1', timestamp: at(0), properties: { product_id: 'p1' } }),
      msg({ type: 'track', event: 'Product Viewed', userId: 'sarah', timestamp: at(1), properties: { product_id: 'p2' } }),
    ]);
    await kairos.ingestion.ingest([msg({ type: 'identify', userId: 'sarah', anonymousId: 'anon-1', timestamp: at(2), traits: { email: ' Sarah@Example.COM ' } })]);

    const profile = await kairos.profiles.getProfile('email:sarah@example.com');
    expect(profile.identities.map((id) => `${id.type}:${id.value}`).sort()).toEqual(['anonymousId:anon-1', 'email:sarah@example.com', 'userId:sarah']);
    expect(profile.merges).toHaveLength(1);
    expect(profile.merges[0]).toMatchObject({ survivorId: profile.id, identifierType: 'anonymousId', identifierValue: 'anon-1' });
    const history = await kairos.profiles.events('sarah', { limit: 10 });
    expect(history.events.map((event) => event.properties.product_id ?? event.type)).toEqual(['p1', 'p2', 'identify']);
    expect(profile.features.lifetime.events).toBe(3);
    expect(profile.features.session?.distinctProducts).toBe(2);
    expect(await kairos.stores.profiles.count()).toBe(1);
  });

  it('merges two devices of the same customer when both log in', async () => {
    await kairos.ingestion.ingest([
      msg({ type: 'page', anonymousId: 'phone', timestamp: at(0), context: { channel: 'app' } }),
      msg({ type: 'page', anonymousId: 'laptop', timestamp: at(1) }),
    ]);
    expect(await kairos.stores.profiles.count()).toBe(2);
    await kairos.ingestion.ingest([msg({ type: 'identify', userId: 'u1', anonymousId: 'phone', timestamp: at(2), context: { channel: 'app' } })]);
    await kairos.ingestion.ingest([msg({ type: 'identify', userId: 'u1', anonymousId: 'laptop', timestamp: at(3) })]);
    expect(await kairos.stores.profiles.count()).toBe(1);
    const profile = await kairos.profiles.getProfile('laptop');
    expect(profile.features.lifetime.channelMix).toEqual({ app: 2, web: 2 });
    expect((await kairos.profiles.events('u1', { limit: 10 })).events).toHaveLength(4);
  });

  it('refuses to merge two different userIds met on a shared device, and says why', async () => {
    await kairos.ingestion.ingest([msg({ type: 'identify', userId: 'alice', anonymousId: 'kiosk-7', timestamp: at(0) })]);
    await kairos.ingestion.ingest([msg({ type: 'identify', userId: 'bob', anonymousId: 'kiosk-7', timestamp: at(1) })]);
    const alice = await kairos.profiles.getProfile('alice');
    const bob = await kairos.profiles.getProfile('bob');
    expect(alice.id).not.toBe(bob.id);
    expect(bob.refusedMerges).toEqual([
      expect.objectContaining({ reason: 'conflicting_user_id', identifierType: 'anonymousId', identifierValue: 'kiosk-7', otherProfileId: alice.id }),
    ]);
  });

  it('never merges on placeholder values such as test@test.com', async () => {
    await kairos.ingestion.ingest([
      msg({ type: 'identify', anonymousId: 'a1', timestamp: at(0), traits: { email: 'TEST@test.com' } }),
      msg({ type: 'identify', anonymousId: 'a2', timestamp: at(1), traits: { email: 'test@test.com' } }),
    ]);
    expect(await kairos.stores.profiles.count()).toBe(2);
    const first = await kairos.profiles.getProfile('a1');
    expect(first.identities.map((id) => id.type)).toEqual(['anonymousId']);
    expect(first.refusedMerges).toEqual([expect.objectContaining({ reason: 'blocked_value', identifierType: 'email', identifierValue: 'test@test.com' })]);
  });

  it('stops merging on an identifier once it has joined the configured number of profiles', async () => {
    // Default limit: 3. One household e-mail typed on five different browsers.
    for (let i = 0; i < 5; i++) {
      await kairos.ingestion.ingest([msg({ type: 'page', anonymousId: `browser-${i}`, timestamp: at(i) })]);
      await kairos.ingestion.ingest([msg({ type: 'identify', anonymousId: `browser-${i}`, timestamp: at(i), traits: { email: 'family@example.org' } })]);
    }
    // browsers 0..2 merged (the e-mail joined 3 profiles); 3 and 4 were refused.
    expect(await kairos.stores.profiles.count()).toBe(3);
    const household = await kairos.profiles.getProfile('email:family@example.org');
    expect(household.merges).toHaveLength(2);
    const late = await kairos.profiles.getProfile('browser-4');
    expect(late.id).not.toBe(household.id);
    expect(late.refusedMerges).toEqual([expect.objectContaining({ reason: 'shared_identifier', identifierValue: 'family@example.org', otherProfileId: household.id })]);
  });

  it('joins a previous identifier with alias', async () => {
    await kairos.ingestion.ingest([msg({ type: 'track', event: 'Product Viewed', anonymousId: 'old-anon', timestamp: at(0), properties: { product_id: 'p1' } })]);
    await kairos.ingestion.ingest([msg({ type: 'track', event: 'Product Viewed', userId: 'new-user', timestamp: at(1), properties: { product_id: 'p2' } })]);
    await kairos.ingestion.ingest([msg({ type: 'alias', previousId: 'old-anon', userId: 'new-user', timestamp: at(2) })]);
    expect(await kairos.stores.profiles.count()).toBe(1);
    expect((await kairos.profiles.getProfile('old-anon')).id).toBe((await kairos.profiles.getProfile('new-user')).id);
  });
});

describe('ingestion pipeline', () => {
  it('acknowledges a replayed messageId without storing it twice, also within one request', async () => {
    const event = { type: 'track', event: 'Product Viewed', anonymousId: 'a', messageId: 'same', timestamp: at(0), properties: { product_id: 'p1' } };
    expect(await kairos.ingestion.ingest([event, event])).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await kairos.ingestion.ingest([event])).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await kairos.stores.events.count()).toBe(1);
    expect((await kairos.catalog.getProductView('p1').catch(() => undefined)) === undefined).toBe(true);
  });

  it('shares one transaction between concurrent requests and answers each with its own counts', async () => {
    const requests = Array.from({ length: 20 }, (_, i) =>
      kairos.ingestion.ingest([msg({ type: 'track', event: 'Product Viewed', anonymousId: `v${i % 5}`, timestamp: at(i), properties: { product_id: `p${i}` } })]),
    );
    const outcomes = await Promise.all(requests);
    expect(outcomes.every((outcome) => outcome.accepted === 1 && outcome.duplicates === 0)).toBe(true);
    expect(await kairos.stores.events.count()).toBe(20);
    expect(await kairos.stores.profiles.count()).toBe(5);
  });

  it('reports invalid messages with their index and keeps the valid ones', async () => {
    const outcome = await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'ok', anonymousId: 'a', timestamp: at(0) }),
      msg({ type: 'track', anonymousId: 'a' }),
      msg({ type: 'track', event: 'ok', timestamp: at(0) }),
    ]);
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected).toEqual([
      expect.objectContaining({ index: 1, field: 'event' }),
      expect.objectContaining({ index: 2, field: 'userId' }),
    ]);
  });

  it('splits sessions per channel after 30 minutes of inactivity and computes session features', async () => {
    kairos.clock.set(Date.parse(at(95)));
    await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'a', timestamp: at(0), properties: { product_id: 'p1', category: 'shoes', brand: 'Acme', price: 50 } }),
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'a', timestamp: at(40), properties: { product_id: 'p1', category: 'shoes', price: 50 } }),
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'a', timestamp: at(41), properties: { product_id: 'p2', category: 'bags', price: 80 } }),
      msg({ type: 'track', event: 'Product Added', anonymousId: 'a', timestamp: at(43), properties: { product_id: 'p2', category: 'bags', price: 80, quantity: 2 } }),
      msg({ type: 'track', event: 'Products Searched', anonymousId: 'a', timestamp: at(44), properties: { query: 'bag' } }),
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'a', timestamp: at(90), properties: { product_id: 'p3' }, context: { channel: 'store', storeId: 's1' } }),
    ]);
    const profile = await kairos.profiles.getProfile('a');
    const web = profile.features.sessionsByChannel.find((session) => session.channel === 'web')!;
    expect(web).toMatchObject({
      events: 4,
      productViews: 2,
      distinctProducts: 2,
      distinctCategories: 2,
      cartAdds: 1,
      cartValue: 160,
      searches: 1,
      firstVisit: false,
      dwellSeconds: 240,
      productDwellSeconds: 180,
      active: false,
    });
    expect(profile.features.session).toMatchObject({ channel: 'store', storeId: 's1', active: true, secondsSinceStart: 300 });
    expect(profile.features.lifetime.sessions).toBe(3);
    expect(profile.features.lifetime.favouriteCategories[0]).toMatchObject({ name: 'bags' });
  });

  it('computes RFM from orders', async () => {
    kairos.clock.set(Date.parse(at(60 * 24 * 10)));
    await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'Order Completed', userId: 'u', timestamp: at(0), properties: { order_id: 'o1', revenue: 100, products: [{ product_id: 'p1', price: 100 }] } }),
      msg({ type: 'track', event: 'Order Completed', userId: 'u', timestamp: at(60 * 24 * 5), properties: { order_id: 'o2', revenue: 50 } }),
    ]);
    const { lifetime } = (await kairos.profiles.getProfile('u')).features;
    expect(lifetime).toMatchObject({ frequency: 2, monetary: 150, averageOrderValue: 75, daysSinceLastOrder: 5, recencyDays: 5 });
  });

  it('keeps the last known location and tells the local time', async () => {
    kairos.clock.set(Date.parse('2026-11-23T12:00:00.000Z'));
    await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'Store Entered', userId: 'u', timestamp: at(0), context: { channel: 'store', storeId: 'ams-1', timezone: 'Europe/Amsterdam', location: { latitude: 52.37, longitude: 4.9, city: 'Amsterdam' } } }),
    ]);
    const { lifetime } = (await kairos.profiles.getProfile('u')).features;
    expect(lifetime.lastLocation).toMatchObject({ latitude: 52.37, longitude: 4.9, city: 'Amsterdam', storeId: 'ams-1' });
    expect(lifetime.localTime).toMatchObject({ timeZone: 'Europe/Amsterdam', time: '13:00', hour: 13, weekday: 'Monday' });
  });

  it('updates the live product counters', async () => {
    await kairos.catalog.putProduct('p1', { name: 'Runner', categoryPath: ['shoes'], price: 50, currency: 'EUR', inventory: 5 } as never);
    kairos.clock.set(Date.parse(at(30)));
    await kairos.ingestion.ingest([
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'a', timestamp: at(20), properties: { product_id: 'p1' } }),
      msg({ type: 'track', event: 'Product Viewed', anonymousId: 'b', timestamp: at(25), properties: { product_id: 'p1' } }),
      msg({ type: 'track', event: 'Order Completed', anonymousId: 'b', timestamp: at(26), properties: { products: [{ product_id: 'p1', quantity: 2 }] } }),
    ]);
    const view = await kairos.catalog.getProductView('p1');
    expect(view.live).toMatchObject({ viewsLastHour: 2, purchasesLastHour: 2, inventory: 3 });
  });
});
