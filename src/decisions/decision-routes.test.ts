import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('POST /v1/decide over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.request('PUT', '/v1/catalog/products/bag-1', { auth: 'admin', body: { name: 'Tote', inventory: 2, price: 40, currency: 'EUR' } });
    const created = await server.request('POST', '/v1/campaigns', {
      auth: 'admin',
      body: {
        name: 'Low stock on product pages',
        status: 'active',
        trigger: { type: 'placement', placements: ['product-page'] },
        variants: [{ id: 'few-left', kind: 'urgency', channel: 'web', content: { title: 'Almost gone', body: 'Only {{ product.inventory }} left of the {{ product.name }}' } }],
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('answers with the rendered intervention and a decision id, with the write key a site has', async () => {
    const response = await server.request('POST', '/v1/decide', { body: { anonymousId: 'visitor-1', placement: 'product-page', context: { product: { id: 'bag-1' } } } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      decisionId: expect.stringMatching(/^dec_/),
      interventions: [{ variantId: 'few-left', kind: 'urgency', channel: 'web', content: { title: 'Almost gone', body: 'Only 2 left of the Tote' } }],
      heldOut: [],
    });
    expect(response.body.why).toBeUndefined();
    const profile = await server.request('GET', '/v1/profiles/visitor-1', { auth: 'admin' });
    expect(profile.body.latestEvents.map((event: { name: string }) => event.name)).toContain('Intervention Delivered');
  });

  it('explains on request, and decides nothing for a product it does not know', async () => {
    const response = await server.request('POST', '/v1/decide', { body: { anonymousId: 'visitor-2', placement: 'product-page', context: { product: { id: 'unknown-sku' } }, explain: true } });
    expect(response.status).toBe(200);
    expect(response.body.interventions).toEqual([]);
    expect(response.body.why[0]).toMatchObject({ outcome: 'no_eligible_variant', detail: expect.stringContaining('tracked inventory') });
  });

  it.each([
    [{ placement: 'product-page' }, 'userId', /either userId or anonymousId/],
    [{ anonymousId: 'v', placement: 'Product Page' }, 'placement', /./],
    [{ anonymousId: 'v', channel: 'fax' }, 'channel', /must be one of web, app/],
    [{ anonymousId: 'v', limit: 50 }, 'limit', /5/],
    [{ anonymousId: 'v', context: { basket: {} } }, 'context.basket', /not a decide field/],
  ])('answers 400 naming the field for %j', async (body, field, problem) => {
    const response = await server.request('POST', '/v1/decide', { body });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe(field);
    expect(response.body.error.details[0].problem).toMatch(problem);
  });

  it('needs a key', async () => {
    expect((await server.request('POST', '/v1/decide', { auth: 'none', body: { anonymousId: 'v' } })).status).toBe(401);
  });
});
