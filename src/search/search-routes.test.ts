import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/build-app.js';
import { createServerMetrics } from '../server/metrics.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';

const keys = { writeKey: 'search-write-key', adminKey: 'search-admin-key' };
const WRITE = { authorization: `Basic ${Buffer.from(`${keys.writeKey}:`).toString('base64')}` };
const ADMIN = { authorization: `Bearer ${keys.adminKey}` };

describe('search routes on the real app (fastify inject)', () => {
  let kairos: TempKairos;
  let app: FastifyInstance;
  beforeAll(async () => {
    kairos = createTempKairos();
    app = await buildApp(kairos, { keys, logger: pino({ level: 'silent' }), metrics: createServerMetrics() });
    await kairos.catalog.putProduct('cushion-1', { name: 'Purse cushion', categoryPath: 'Home > Cushions', brand: 'Nest' });
    await kairos.catalog.putProduct('bag-1', { name: 'Tote', categoryPath: 'Bags > Handbags', brand: 'Acme' });
    const at = kairos.clock.now();
    const events = [
      { type: 'track', event: 'Products Searched', anonymousId: 'a1', messageId: 'm1', timestamp: new Date(at).toISOString(), properties: { query: 'purses' } },
      { type: 'track', event: 'Product Clicked', anonymousId: 'a1', messageId: 'm2', timestamp: new Date(at + 1000).toISOString(), properties: { product_id: 'bag-1' } },
      { type: 'track', event: 'Product Added', anonymousId: 'a1', messageId: 'm3', timestamp: new Date(at + 2000).toISOString(), properties: { product_id: 'bag-1' } },
    ];
    expect((await app.inject({ method: 'POST', url: '/v1/batch', headers: WRITE, payload: { batch: events } })).statusCode).toBe(200);
    await kairos.search.learner.idle();
  });
  afterAll(async () => {
    await app.close();
    await kairos.dispose();
  });

  const rerank = (payload: unknown, headers: Record<string, string> = WRITE) => app.inject({ method: 'POST', url: '/v1/search/rerank', headers, payload: payload as object });

  it('re-ranks with the write key, explaining on request', async () => {
    const response = await rerank({ anonymousId: 'a2', query: 'purse', results: [{ productId: 'cushion-1', score: 3 }, { productId: 'bag-1', score: 2.9 }], explain: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      results: [
        { productId: 'bag-1', position: 1, originalPosition: 2, score: expect.any(Number), reasons: ['shoppers who searched “purse” chose Handbags', 'shoppers who searched “purse” chose this product', 'shoppers who searched “purse” chose Acme'] },
        { productId: 'cushion-1', position: 2, originalPosition: 1, score: 1, reasons: [] },
      ],
      profileId: null,
      learnedTerms: [{ term: 'purse', evidence: 2, associations: expect.any(Array) }],
    });
  });

  it('shows what a term learned to the admin, normalised like a search', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/search/vocabulary?term=Purses', headers: ADMIN });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      term: 'purse',
      evidence: 2,
      weight: 4,
      categories: [
        { label: 'Bags', weight: 4, evidence: 2, share: 1 },
        { label: 'Handbags', weight: 4, evidence: 2, share: 1 },
      ],
      brands: [{ label: 'Acme', weight: 4, evidence: 2, share: 1 }],
      products: [{ label: 'bag-1', weight: 4, evidence: 2, share: 1 }],
    });
    const unknown = await app.inject({ method: 'GET', url: '/v1/search/vocabulary?term=kayak', headers: ADMIN });
    expect(unknown.json()).toMatchObject({ term: 'kayak', evidence: 0, categories: [] });
  });

  it.each([
    [{ query: 'purse' }, 'results', /required/],
    [{ query: '   ', results: [{ productId: 'a' }] }, 'query', /must not be blank/],
    [{ query: 'purse', results: [] }, 'results', /1/],
    [{ query: 'purse', results: Array.from({ length: 501 }, (_, i) => ({ productId: `p${i}` })) }, 'results', /500/],
    [{ query: 'purse', results: [{ productId: 'a' }, { productId: 'a' }] }, 'results.1.productId', /repeats results.0.productId/],
    [{ query: 'purse', results: [{ productId: 'a', score: 'high' }] }, 'results.0.score', /number/],
    [{ query: 'purse', results: [{ productId: 'a' }], count: 0 }, 'count', /1/],
    [{ query: 'purse', results: [{ productId: 'a' }], sort: 'price' }, 'sort', /not a rerank field/],
  ])('answers 400 naming the field for %j', async (body, field, problem) => {
    const response = await rerank(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe(field);
    expect(response.json().error.details[0].problem).toMatch(problem);
  });

  it('answers 400 for a vocabulary term without a word, and for none', async () => {
    for (const url of ['/v1/search/vocabulary?term=%3F%21', '/v1/search/vocabulary']) {
      const response = await app.inject({ method: 'GET', url, headers: ADMIN });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].field).toBe('querystring.term');
    }
  });

  it('needs the write key to re-rank and the admin key to read the vocabulary', async () => {
    expect((await rerank({ query: 'purse', results: [{ productId: 'a' }] }, {})).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/v1/search/vocabulary?term=purse', headers: WRITE })).statusCode).toBe(403);
  });

  it('documents both routes in the OpenAPI document under the search tag', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(document.paths['/v1/search/rerank'].post).toMatchObject({ tags: ['search'], security: [{ writeKey: [] }, { adminKey: [] }] });
    expect(document.paths['/v1/search/vocabulary'].get).toMatchObject({ tags: ['search'], security: [{ adminKey: [] }] });
  });
});
