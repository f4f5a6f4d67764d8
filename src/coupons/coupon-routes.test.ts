import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('coupons over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ KAIROS_QUIET_HOURS: 'off' });
    await server.request('PUT', '/v1/catalog/products/shoe-1', { auth: 'admin', body: { name: 'Trail runner', categoryPath: ['Women', 'Shoes'], price: 89, currency: 'EUR', inventory: 40 } });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('hands a customer one code from the pool in a decision, redeems it once at the till, and records the redemption', async () => {
    expect((await server.request('PUT', '/v1/coupon-pools/shoes20', { auth: 'admin', body: { name: 'Shoes 20% off', validFor: '48h' } })).status).toBe(201);
    expect((await server.request('POST', '/v1/coupon-pools/shoes20/codes', { auth: 'admin', body: { codes: ['SHOE-0001', 'SHOE-0002', 'SHOE-0001'] } })).body).toEqual({ added: 2, duplicates: 1 });
    const campaign = await server.request('POST', '/v1/campaigns', {
      auth: 'admin',
      body: {
        name: 'Shoe coupon',
        status: 'active',
        trigger: { type: 'placement', placements: ['product-page'] },
        variants: [{ id: 'code', kind: 'price', channel: 'web', coupon: { pool: 'shoes20' }, content: { body: 'Use {{ coupon.code }} for 20% off, valid {{ coupon.validDays }} days' } }],
      },
    });
    expect(campaign.status).toBe(201);
    await server.request('POST', '/v1/track', { body: { userId: 'sarah', event: 'Product Viewed', properties: { product_id: 'shoe-1' } } });

    const decide = () => server.request('POST', '/v1/decide', { body: { userId: 'sarah', placement: 'product-page', context: { product: { id: 'shoe-1' } } } });
    const first = await decide();
    expect(first.body.interventions[0].content.body).toMatch(/^Use SHOE-000[12] for 20% off, valid 2 days$/);
    const code = /SHOE-\d+/.exec(first.body.interventions[0].content.body)![0];
    expect((await decide()).body.interventions[0].content.body).toContain(code); // the same customer, the same code
    expect((await server.request('GET', '/v1/coupon-pools/shoes20', { auth: 'admin' })).body.codes).toEqual({ available: 1, assigned: 1, redeemed: 0, expired: 0 });

    const redeemed = await server.request('POST', '/v1/coupons/redeem', { body: { code, userId: 'sarah' } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ code, poolId: 'shoes20' });
    const again = await server.request('POST', '/v1/coupons/redeem', { body: { code } });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]).toMatchObject({ field: 'code' });
    expect((await server.request('POST', '/v1/coupons/redeem', { body: { code: 'SHOE-9999' } })).status).toBe(404);
    const profile = await server.request('GET', '/v1/profiles/sarah', { auth: 'admin' });
    expect(profile.body.latestEvents.map((event: { name: string }) => event.name)).toContain('Coupon Redeemed');
  });

  it('makes the variant ineligible, with the reason, once the pool is empty; a preview never hands a code out', async () => {
    await server.request('PUT', '/v1/coupon-pools/tiny', { auth: 'admin', body: { name: 'One code' } });
    await server.request('POST', '/v1/coupon-pools/tiny/codes', { auth: 'admin', body: { codes: ['ONLY-1'] } });
    await server.request('POST', '/v1/campaigns', {
      auth: 'admin',
      body: { name: 'Tiny', status: 'active', trigger: { type: 'placement', placements: ['cart'] }, variants: [{ id: 'c', kind: 'price', channel: 'web', coupon: { pool: 'tiny' }, content: { body: 'Code {{ coupon.code }}' } }] },
    });
    for (const userId of ['a', 'b']) await server.request('POST', '/v1/track', { body: { userId, event: 'Cart Viewed' } });
    const preview = await server.request('POST', '/v1/decide', { body: { userId: 'a', placement: 'cart', preview: true } });
    expect(preview.body.interventions[0].content.body).toBe('Code ONLY-1');
    expect((await server.request('POST', '/v1/decide', { body: { userId: 'a', placement: 'cart' } })).body.interventions[0].content.body).toBe('Code ONLY-1');
    const empty = await server.request('POST', '/v1/decide', { body: { userId: 'b', placement: 'cart', explain: true } });
    expect(empty.body.interventions).toEqual([]);
    expect(empty.body.why.find((considered: { outcome: string }) => considered.outcome === 'no_eligible_variant').detail).toContain('no code of coupon pool tiny');
  });

  it('refuses bad input naming the field', async () => {
    const noPool = await server.request('POST', '/v1/campaigns', {
      auth: 'admin',
      body: { name: 'Forgot pool', trigger: { type: 'placement', placements: ['cart'] }, variants: [{ id: 'c', kind: 'price', channel: 'web', content: { body: 'Code {{ coupon.code }}' } }] },
    });
    expect(noPool.status).toBe(400);
    expect(noPool.body.error.details[0].field).toBe('variants.0.coupon');
    const badCode = await server.request('POST', '/v1/coupon-pools/shoes20/codes', { auth: 'admin', body: { codes: ['ok-code', 'bad code!'] } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details[0].field).toBe('codes.1');
    expect((await server.request('POST', '/v1/coupon-pools/missing/codes', { auth: 'admin', body: { codes: ['X-001'] } })).status).toBe(404);
    const badEnd = await server.request('PUT', '/v1/coupon-pools/p2', { auth: 'admin', body: { name: 'P2', endsAt: 'tomorrow' } });
    expect(badEnd.body.error.details[0].field).toBe('endsAt');
  });
});
