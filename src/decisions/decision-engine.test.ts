import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignInput } from '../campaigns/campaign.js';
import { KairosError } from '../shared/errors.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';

const MINUTE = 60_000;

function productPageCampaign(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Social proof',
    status: 'active',
    priority: 10,
    trigger: { type: 'placement', placements: ['product-page'] },
    audience: { path: 'session.productViews', gte: 2 },
    variants: [
      {
        id: 'bought-today',
        kind: 'social_proof',
        channel: 'web',
        content: { body: '{{ profile.traits.firstName | default: "Hi" }}, {{ product.purchasesToday }} people have purchased this product today!' },
      },
    ],
    ...overrides,
  };
}

const urgencyCampaign: CampaignInput = {
  name: 'Low stock',
  status: 'active',
  priority: 5,
  trigger: { type: 'placement', placements: ['product-page'] },
  variants: [{ id: 'few-left', kind: 'urgency', channel: 'web', content: { body: 'Only {{ product.inventory }} left!' } }],
};

describe('DecisionEngine', () => {
  let kairos: TempKairos;

  beforeEach(async () => {
    kairos = createTempKairos();
    await kairos.catalog.putProduct('shoe-1', { name: 'Trail runner', categoryPath: ['Women', 'Shoes'], price: 89, currency: 'EUR', inventory: 40 });
    await kairos.catalog.putProduct('shoe-2', { name: 'Court sneaker', categoryPath: ['Women', 'Shoes'], price: 59, currency: 'EUR', inventory: 3 });
  });
  afterEach(async () => {
    await kairos.dispose();
  });

  const at = (offsetMs = 0) => new Date(kairos.clock.now() + offsetMs).toISOString();
  let messages = 0;
  const track = (anonymousId: string, event: string, properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    kairos.ingestion.ingest([{ type: 'track', event, anonymousId, messageId: `m${++messages}`, timestamp: at(), properties, ...extra }]);
  const viewTwice = async (anonymousId: string, productId = 'shoe-1') => {
    await track(anonymousId, 'Product Viewed', { product_id: productId, category: 'Women/Shoes' });
    kairos.clock.advance(MINUTE);
    await track(anonymousId, 'Product Viewed', { product_id: productId, category: 'Women/Shoes' });
  };
  const othersBought = async (productId: string, count: number) => {
    for (let i = 0; i < count; i++) await track(`buyer-${productId}-${i}`, 'Order Completed', { order_id: `o-${productId}-${i}`, products: [{ product_id: productId, price: 89, quantity: 1 }] });
  };
  const decide = (anonymousId: string, productId = 'shoe-1', extra: Record<string, unknown> = {}) =>
    kairos.decisions.decide({ anonymousId, placement: 'product-page', channel: 'web', context: { product: { id: productId } }, explain: true, ...extra });

  it('shows social proof with live, true numbers to a shopper in the audience, and logs the delivery in her history', async () => {
    const campaign = await kairos.campaigns.create(productPageCampaign());
    await othersBought('shoe-1', 10);
    await kairos.ingestion.ingest([{ type: 'identify', anonymousId: 'sarah-phone', messageId: 'id-1', timestamp: at(), traits: { firstName: 'Sarah' } }]);
    await viewTwice('sarah-phone');

    const decision = await decide('sarah-phone');
    expect(decision.interventions).toEqual([
      { campaignId: campaign.id, variantId: 'bought-today', kind: 'social_proof', channel: 'web', content: { body: 'Sarah, 10 people have purchased this product today!' } },
    ]);
    expect(decision.why).toEqual([{ campaignId: campaign.id, priority: 10, outcome: 'chosen', detail: 'variant bought-today drawn from 1', expectedValue: 0.05 }]);

    await kairos.decisions.idle(); // recorded after the answer
    const history = await kairos.profiles.events('anonymousId:sarah-phone', { limit: 100 });
    const delivered = history.events.filter((event) => event.name === 'Intervention Delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.properties).toMatchObject({ decisionId: decision.decisionId, campaignId: campaign.id, variantId: 'bought-today', placement: 'product-page' });
  });

  it('previews a decision without delivering it: no history, no cap spent', async () => {
    await kairos.campaigns.create(productPageCampaign({ caps: { perDay: 1 } }));
    await othersBought('shoe-1', 1);
    await viewTwice('tester');
    for (let i = 0; i < 3; i++) expect((await decide('tester', 'shoe-1', { preview: true })).interventions).toHaveLength(1);
    await kairos.decisions.idle();
    const history = await kairos.profiles.events('anonymousId:tester', { limit: 100 });
    expect(history.events.some((event) => event.name === 'Intervention Delivered')).toBe(false);
    expect((await decide('tester')).interventions).toHaveLength(1);
  });

  it('says nothing to a shopper outside the audience, and explains why', async () => {
    const campaign = await kairos.campaigns.create(productPageCampaign());
    await track('browser', 'Product Viewed', { product_id: 'shoe-1' });
    const decision = await decide('browser');
    expect(decision.interventions).toEqual([]);
    expect(decision.why).toEqual([{ campaignId: campaign.id, priority: 10, outcome: 'not_in_audience' }]);
  });

  it('never claims social proof from zero purchases, nor urgency with plenty in stock; shows urgency when stock is really low', async () => {
    const social = await kairos.campaigns.create(productPageCampaign());
    const urgency = await kairos.campaigns.create(urgencyCampaign);
    await viewTwice('shopper');

    const plenty = await decide('shopper', 'shoe-1');
    expect(plenty.interventions).toEqual([]);
    expect(plenty.why).toEqual([
      { campaignId: social.id, priority: 10, outcome: 'no_eligible_variant', detail: 'bought-today: fact_not_true (product.purchasesToday is 0; social proof needs at least 1)' },
      { campaignId: urgency.id, priority: 5, outcome: 'no_eligible_variant', detail: 'few-left: fact_not_true (product.inventory is 40; urgency is shown only from 1 to 5)' },
    ]);

    const low = await decide('shopper', 'shoe-2');
    expect(low.interventions.map((intervention) => intervention.content.body)).toEqual(['Only 3 left!']);
  });

  it('makes a variant that quotes an unknown fact ineligible instead of printing a blank', async () => {
    const campaign = await kairos.campaigns.create(
      productPageCampaign({
        audience: undefined,
        variants: [{ id: 'named', kind: 'custom', channel: 'web', content: { body: 'Welcome back, {{ profile.traits.firstName }}!' } }],
      }),
    );
    const decision = await decide('stranger');
    expect(decision.interventions).toEqual([]);
    expect(decision.why?.[0]).toEqual({ campaignId: campaign.id, priority: 10, outcome: 'no_eligible_variant', detail: 'named: missing_fact (profile.traits.firstName is not known)' });
  });

  it('respects the campaign’s own cap over a rolling day', async () => {
    const capped = await kairos.campaigns.create(productPageCampaign({ caps: { perDay: 1 } }));
    await othersBought('shoe-1', 2);
    await viewTwice('shopper');
    expect((await decide('shopper')).interventions).toHaveLength(1);
    const second = await decide('shopper');
    expect(second.interventions).toEqual([]);
    expect(second.why?.[0]).toMatchObject({ campaignId: capped.id, outcome: 'campaign_cap', detail: 'perDay: 1 in the last 24 hours' });
    kairos.clock.advance(24 * 60 * MINUTE);
    await othersBought('shoe-1', 1); // yesterday's purchases no longer count as today's
    await viewTwice('shopper');
    expect((await decide('shopper')).interventions).toHaveLength(1); // a rolling day later
  });

  it('stops at the global daily cap (3 by default) across campaigns', async () => {
    const uncapped = await kairos.campaigns.create(productPageCampaign({ name: 'No own cap' }));
    await othersBought('shoe-1', 1);
    await viewTwice('shopper');
    for (let i = 0; i < 3; i++) expect((await decide('shopper')).interventions).toHaveLength(1);
    const fourth = await decide('shopper');
    expect(fourth.interventions).toEqual([]);
    expect(fourth.why?.[0]).toMatchObject({ campaignId: uncapped.id, outcome: 'global_cap' });
  });

  it('gives holdouts nothing and logs them as held out', async () => {
    const campaign = await kairos.campaigns.create(productPageCampaign({ holdoutPercent: 100 }));
    await othersBought('shoe-1', 1);
    await viewTwice('control');
    const decision = await decide('control');
    expect(decision.interventions).toEqual([]);
    expect(decision.heldOut).toEqual([campaign.id]);
    await kairos.decisions.idle();
    const history = await kairos.profiles.events('anonymousId:control', { limit: 100 });
    expect(history.events.filter((event) => event.name === 'Intervention Held Out').map((event) => event.properties.campaignId)).toEqual([campaign.id]);
  });

  it('keeps a stable share of shoppers in a holdout', async () => {
    await kairos.campaigns.create(productPageCampaign({ audience: undefined, holdoutPercent: 30, variants: [{ id: 'hello', kind: 'custom', channel: 'web', content: { body: 'Hello' } }] }));
    let held = 0;
    for (let i = 0; i < 200; i++) if ((await decide(`visitor-${i}`)).heldOut.length === 1) held++;
    expect(held).toBeGreaterThan(40);
    expect(held).toBeLessThan(80);
    const first = await decide('visitor-7');
    const again = await decide('visitor-7');
    expect(again.heldOut).toEqual(first.heldOut);
  });

  it('suppresses marketing for a shopper with an open complaint, and anything about a product she already bought', async () => {
    const campaign = await kairos.campaigns.create(productPageCampaign());
    await othersBought('shoe-1', 3);
    await viewTwice('unhappy');
    await track('unhappy', 'Complaint Opened', { ticket: 'T-1' });
    expect((await decide('unhappy')).why?.[0]).toMatchObject({ campaignId: campaign.id, outcome: 'no_eligible_variant', detail: expect.stringContaining('open complaint') });
    await track('unhappy', 'Complaint Resolved', { ticket: 'T-1' });
    expect((await decide('unhappy')).interventions).toHaveLength(1);

    await track('owner', 'Order Completed', { order_id: 'own-1', products: [{ product_id: 'shoe-1', price: 89, quantity: 1 }] });
    await viewTwice('owner');
    expect((await decide('owner')).why?.[0]).toMatchObject({ detail: expect.stringContaining('already bought') });
  });

  it('asks for consent: a shopper who refused personalization gets nothing on site', async () => {
    await kairos.campaigns.create(productPageCampaign());
    await othersBought('shoe-1', 1);
    await viewTwice('private');
    await kairos.privacy.setConsent('anonymousId:private', { personalization: false });
    expect((await decide('private')).why?.[0]).toMatchObject({ outcome: 'no_eligible_variant', detail: 'bought-today: no consent for web' });
  });

  it('counts events of the session for count conditions, with their where clause', async () => {
    await kairos.campaigns.create(
      productPageCampaign({
        audience: { count: { event: 'Product Viewed', in: 'session', where: { path: 'event.properties.category', eq: 'Women/Shoes' } }, gte: 3 },
        variants: [{ id: 'shoe-lover', kind: 'custom', channel: 'web', content: { body: 'New shoes are in' } }],
      }),
    );
    await viewTwice('counter');
    await track('counter', 'Product Viewed', { product_id: 'bag-1', category: 'Bags' });
    expect((await decide('counter')).interventions).toEqual([]);
    await track('counter', 'Product Viewed', { product_id: 'shoe-2', category: 'Women/Shoes' });
    expect((await decide('counter')).interventions).toHaveLength(1);
    kairos.clock.advance(31 * MINUTE); // a new session starts counting afresh
    await track('counter', 'Product Viewed', { product_id: 'shoe-2', category: 'Women/Shoes' });
    expect((await decide('counter')).interventions).toEqual([]);
  });

  /** A campaign for shoppers with at least `views` product views in the session; returns how many times decisions have read the log's events since. */
  const plainSessionCount = async (views: number): Promise<() => number> => {
    await kairos.campaigns.create(
      productPageCampaign({
        audience: { count: { event: 'Product Viewed', in: 'session' }, gte: views },
        variants: [{ id: 'browser', kind: 'custom', channel: 'web', content: { body: 'Still looking?' } }],
      }),
    );
    const namedSince = kairos.stores.events.namedSince.bind(kairos.stores.events);
    let reads = 0;
    kairos.stores.events.namedSince = (...args) => {
      reads++;
      return namedSince(...args);
    };
    return () => reads;
  };

  it('counts a plain count over the session from the session’s tally, reading no events, and as the log would', async () => {
    const reads = await plainSessionCount(3);
    await viewTwice('tallied');
    await track('tallied', 'Heartbeat', { product_id: 'shoe-1' });
    expect((await decide('tallied')).interventions).toEqual([]);
    await track('tallied', 'Product Viewed', { product_id: 'shoe-2', category: 'Women/Shoes' });
    expect((await decide('tallied')).interventions).toHaveLength(1);
    kairos.clock.advance(31 * MINUTE); // a new session starts counting afresh
    await track('tallied', 'Product Viewed', { product_id: 'shoe-2', category: 'Women/Shoes' });
    expect((await decide('tallied')).interventions).toEqual([]);
    expect(reads()).toBe(0);
  });

  it('counts from the log for a session saved before it kept a tally', async () => {
    const reads = await plainSessionCount(2);
    await viewTwice('older');
    // The writer's own copy, which decisions read: as a state saved by an earlier version has it.
    delete (await kairos.profiles.findState([{ type: 'anonymousId', value: 'older' }]))!.sessions.web!.eventCounts;
    expect((await decide('older')).interventions).toHaveLength(1);
    expect(reads()).toBe(1);
  });

  it('honours placement, schedule and the highest priority first', async () => {
    const later = await kairos.campaigns.create(productPageCampaign({ name: 'Next month', schedule: { startsAt: '2026-12-20T00:00:00Z' }, audience: undefined }));
    const low = await kairos.campaigns.create({ ...urgencyCampaign, priority: 1 });
    const high = await kairos.campaigns.create({ ...urgencyCampaign, name: 'Urgent', priority: 50 });
    const elsewhere = await kairos.campaigns.create({ ...urgencyCampaign, trigger: { type: 'placement', placements: ['cart'] } });
    const decision = await decide('anyone', 'shoe-2', { limit: 1 });
    expect(decision.interventions.map((intervention) => intervention.campaignId)).toEqual([high.id]);
    const outcomes = Object.fromEntries(decision.why!.map((item) => [item.campaignId, item.outcome]));
    expect(outcomes).toEqual({ [high.id]: 'chosen', [low.id]: 'outranked', [later.id]: 'outside_schedule', [elsewhere.id]: 'other_placement' });
  });

  it('sees campaign changes at once: a paused campaign is not offered', async () => {
    const campaign = await kairos.campaigns.create({ ...urgencyCampaign });
    expect((await decide('anyone', 'shoe-2')).interventions).toHaveLength(1);
    await kairos.campaigns.setStatus(campaign.id, 'paused');
    expect((await decide('anyone', 'shoe-2')).interventions).toEqual([]);
  });

  it('knows the weather where the shopper is, when a provider is configured, and goes on without it otherwise', async () => {
    const rainy = createTempKairos({}, undefined, { weather: { current: (latitude: number) => (latitude > 50 ? { temperatureC: 8, condition: 'rain' as const, code: 63 } : undefined) } });
    try {
      const campaign = await rainy.campaigns.create({
        ...urgencyCampaign,
        name: 'Rainy day',
        audience: { path: 'context.weather.condition', eq: 'rain' },
        variants: [{ id: 'umbrella', kind: 'custom', channel: 'web', content: { body: '{{ context.weather.temperatureC }}°C and rain: umbrellas by the door' } }],
      });
      const amsterdam = await rainy.decisions.decide({ anonymousId: 'a', placement: 'product-page', context: { location: { latitude: 52.37, longitude: 4.89 } } });
      expect(amsterdam.interventions.map((intervention) => intervention.content.body)).toEqual(['8°C and rain: umbrellas by the door']);
      const lisbon = await rainy.decisions.decide({ anonymousId: 'b', placement: 'product-page', context: { location: { latitude: 38.72, longitude: -9.14 } }, explain: true });
      expect(lisbon.why).toEqual([{ campaignId: campaign.id, priority: 5, outcome: 'not_in_audience' }]);
    } finally {
      await rainy.dispose();
    }
  });

  it('gives a time-limited offer a real deadline: minutes left, the end on the shopper’s clock, and expiresAt on the intervention', async () => {
    const campaign = await kairos.campaigns.create({
      ...urgencyCampaign,
      name: 'Order now',
      variants: [{ id: 'fast', kind: 'convenience', channel: 'web', offer: { validFor: '15m' }, content: { body: 'Order in the next {{ offer.minutesLeft }} minutes (before {{ offer.until }}): €5 off' } }],
    });
    const decision = await kairos.decisions.decide({ anonymousId: 'hurry', placement: 'product-page', context: { timezone: 'Europe/Amsterdam' } });
    // 10:00 UTC is 11:00 in Amsterdam; the offer ends at 11:15 there.
    expect(decision.interventions).toEqual([
      { campaignId: campaign.id, variantId: 'fast', kind: 'convenience', channel: 'web', content: { body: 'Order in the next 15 minutes (before 11:15): €5 off' }, expiresAt: '2026-11-23T10:15:00.000Z' },
    ]);
    await kairos.decisions.idle();
    const history = await kairos.profiles.events('anonymousId:hurry', { limit: 10 });
    expect(history.events.find((event) => event.name === 'Intervention Delivered')?.properties.expiresAt).toBe('2026-11-23T10:15:00.000Z');
    const refused = await kairos.campaigns
      .create({ ...urgencyCampaign, variants: [{ id: 'x', kind: 'convenience', channel: 'web', content: { body: 'Ends {{ offer.until }}' } }] })
      .catch((caught: unknown) => caught);
    expect((refused as KairosError).details[0]?.field).toBe('variants.0.offer');
  });

  it('refuses a request with no one to decide for', async () => {
    const error = await kairos.decisions.decide({ placement: 'product-page' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KairosError);
    expect((error as KairosError).details[0]).toEqual({ field: 'userId', problem: 'either userId or anonymousId is required' });
  });
});
