import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
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
    // The delivery is recorded right after the answer, not before it.
    await eventually(async () => {
      const profile = await server.request('GET', '/v1/profiles/visitor-1', { auth: 'admin' });
      expect(profile.body.latestEvents.map((event: { name: string }) => event.name)).toContain('Intervention Delivered');
    });
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

describe('POST /v1/decide with a weather provider (a local Open-Meteo stand-in)', () => {
  it('adds context.weather once the provider has answered, never holding a decision for it', async () => {
    const weatherServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ current_weather: { temperature: 31.5, weathercode: 0 } }));
    });
    await new Promise<void>((resolve) => weatherServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(weatherServer.address() as AddressInfo).port}/v1/forecast?latitude={latitude}&longitude={longitude}&current_weather=true`;
    const server = await startTestServer({ KAIROS_WEATHER_URL: url });
    try {
      await server.request('POST', '/v1/campaigns', {
        auth: 'admin',
        body: {
          name: 'Hot day',
          status: 'active',
          trigger: { type: 'placement', placements: ['home'] },
          audience: { path: 'context.weather.temperatureC', gte: 25 },
          variants: [{ id: 'cold-drinks', kind: 'custom', channel: 'web', content: { body: '{{ context.weather.temperatureC }}°C outside: cold drinks at the checkout' } }],
        },
      });
      const body = { anonymousId: 'sunny', placement: 'home', context: { location: { latitude: 38.72, longitude: -9.14 } } };
      expect((await server.request('POST', '/v1/decide', { body })).body.interventions).toEqual([]);
      let shown: Array<{ content: { body: string } }> = [];
      for (let attempt = 0; attempt < 50 && shown.length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        shown = (await server.request('POST', '/v1/decide', { body: { ...body, preview: true } })).body.interventions;
      }
      expect(shown.map((intervention) => intervention.content.body)).toEqual(['31.5°C outside: cold drinks at the checkout']);
    } finally {
      await server.dispose();
      await new Promise<void>((resolve) => weatherServer.close(() => resolve()));
    }
  });
});
