import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { DEFAULT_PLACEMENTS, NAMED_PLACEMENT_IDS } from './default-placements.js';

describe('placement routes over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const admin = (method: string, path: string, body?: unknown) => server.request(method, path, { auth: 'admin', body });
  const productPage = {
    count: 4,
    chain: [{ strategy: 'viewed_together', minEvidence: 3 }, { strategy: 'similar_items', maxItems: 2 }],
    rules: {
      blockedCategories: ['Gift Cards'],
      territory: { attribute: 'countries' },
      priceRange: { min: 5 },
      boosts: [{ match: { field: 'attributes.organic', equals: true }, factor: 2 }, { match: { field: 'category', in: ['Clearance'] }, factor: 0.5 }],
      pins: [{ productId: 'SKU-1', position: 1 }],
      diversity: { maxPerBrand: 2 },
    },
  };

  it('lists the seven named placements with their defaults', async () => {
    const response = await admin('GET', '/v1/placements');
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: { id: string }) => placement.id)).toEqual([...NAMED_PLACEMENT_IDS]);
    expect(response.body.placements[0]).toEqual({ id: 'home', ...DEFAULT_PLACEMENTS.home, version: 0, updatedAt: null });
  });

  it('overrides a named placement, shows it, and restores its default on DELETE', async () => {
    const put = await admin('PUT', '/v1/placements/product', productPage);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: 'product',
      version: 1,
      fallbackToPopular: true,
      personalize: { weight: 1 },
      chain: [{ strategy: 'viewed_together', minEvidence: 3 }, { strategy: 'similar_items', minEvidence: 1, maxItems: 2 }],
      rules: { ...productPage.rules, excludeOutOfStock: true, excludeBought: { withinDays: 365, exceptCategories: [], exceptAttribute: 'consumable' } },
    });
    expect(put.body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await admin('GET', '/v1/placements/product')).body).toEqual(put.body);

    expect((await admin('PUT', '/v1/placements/product', { ...productPage, version: 0 })).status).toBe(409);
    expect((await admin('PUT', '/v1/placements/product', { ...productPage, count: 5, version: 1 })).body).toMatchObject({ count: 5, version: 2 });

    expect((await admin('DELETE', '/v1/placements/product')).status).toBe(204);
    expect((await admin('GET', '/v1/placements/product')).body).toEqual({ id: 'product', ...DEFAULT_PLACEMENTS.product, version: 0, updatedAt: null });
  });

  it('creates a custom placement with 201, lists it after the named ones, and deletes it', async () => {
    const created = await admin('PUT', '/v1/placements/black-friday', { count: 2, chain: [{ strategy: 'trending' }], personalize: null, fallbackToPopular: false });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'black-friday', version: 1, personalize: null, fallbackToPopular: false });
    expect((await admin('GET', '/v1/placements')).body.placements.at(-1).id).toBe('black-friday');
    expect((await admin('DELETE', '/v1/placements/black-friday')).status).toBe(204);
    const gone = await admin('GET', '/v1/placements/black-friday');
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'KAIROS_PLACEMENT_NOT_FOUND', message: expect.stringContaining('the placements are home, category, product') });
    expect((await admin('DELETE', '/v1/placements/black-friday')).status).toBe(404);
  });

  it.each([
    ['an unknown strategy', { count: 4, chain: [{ strategy: 'magic' }] }, 'chain.0.strategy', /^must be one of viewed_together, bought_together/, 400],
    ['an empty chain', { count: 4, chain: [] }, 'chain', /greater or equal to 1/, 400],
    ['a count above 100', { count: 101, chain: [{ strategy: 'trending' }] }, 'count', /100/, 400],
    ['a missing count', { chain: [{ strategy: 'trending' }] }, 'count', /^is required$/, 400],
    ['an unknown field', { count: 4, chain: [{ strategy: 'trending' }], ruels: {} }, 'ruels', /not a placement field/, 400],
    ['a personalization weight of 0', { count: 4, chain: [{ strategy: 'trending' }], personalize: { weight: 0 } }, 'personalize.weight', /greater than 0/, 400],
    ['a boost on an unknown field', { count: 4, chain: [{ strategy: 'trending' }], rules: { boosts: [{ match: { field: 'colour', equals: 'red' }, factor: 2 }] } }, 'rules.boosts.0.match.field', /brand, category or attributes\.<name>/, 400],
    ['a boost factor above 10', { count: 4, chain: [{ strategy: 'trending' }], rules: { boosts: [{ match: { field: 'brand', equals: 'A' }, factor: 11 }] } }, 'rules.boosts.0.factor', /10/, 400],
    ['a strategy twice', { count: 4, chain: [{ strategy: 'trending' }, { strategy: 'trending' }] }, 'chain.1.strategy', /already chain\.0/, 400],
    ['a pin beyond count', { count: 4, chain: [{ strategy: 'trending' }], rules: { pins: [{ productId: 'P', position: 9 }] } }, 'rules.pins.0.position', /at most count \(4\)/, 400],
    ['a match with equals and in', { count: 4, chain: [{ strategy: 'trending' }], rules: { boosts: [{ match: { field: 'brand', equals: 'A', in: ['B'] }, factor: 2 }] } }, 'rules.boosts.0.match', /both equals and in/, 400],
  ])('answers 400 naming the field for %s, and changes nothing', async (_what, body, field, problem, status) => {
    const response = await admin('PUT', '/v1/placements/cart', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe('KAIROS_INVALID_REQUEST');
    expect(response.body.error.details[0].field).toBe(field);
    expect(response.body.error.details[0].problem).toMatch(problem);
    expect((await admin('GET', '/v1/placements/cart')).body.version).toBe(0);
  });

  it('answers 400 for an id that cannot be a placement', async () => {
    const response = await admin('PUT', '/v1/placements/Black%20Friday', { count: 1, chain: [{ strategy: 'trending' }] });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toEqual({ field: 'params.id', problem: 'must be lower case letters, digits, - and _, at most 64' });
  });

  it('needs the admin key: none is 401, the write key 403', async () => {
    expect((await server.request('GET', '/v1/placements', { auth: 'none' })).status).toBe(401);
    expect((await server.request('PUT', '/v1/placements/home', { auth: 'write', body: productPage })).status).toBe(403);
  });

  it('documents the placement API in /openapi.json', async () => {
    const spec = (await server.request('GET', '/openapi.json', { auth: 'none' })).body;
    expect(spec.paths['/v1/placements/{id}'].put.tags).toEqual(['recommendations']);
    expect(spec.paths['/v1/placements/{id}'].put.security).toEqual([{ adminKey: [] }]);
    expect(Object.keys(spec.paths['/v1/placements/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(spec.paths['/v1/placements'].get).toBeDefined();
  });
});
