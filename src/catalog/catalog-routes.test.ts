import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { KairosError } from '../shared/errors.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { CatalogService } from './catalog-service.js';
import { InMemoryCatalogStore } from './in-memory-catalog-store.js';

const now = Date.parse('2024-05-02T09:30:00Z');
const directly: TransactionRunner = { run: (work) => work() };

describe('catalog routes', () => {
  let app: FastifyInstance;
  let catalog: CatalogService;
  const routes: Array<{ method: unknown; url: string; access: unknown; tags: unknown; summary: unknown }> = [];

  beforeEach(async () => {
    catalog = new CatalogService({ store: new InMemoryCatalogStore(), transactions: directly, clock: new ManualClock(now), timeZone: 'Europe/Paris' });
    app = Fastify();
    // Stands in for the server's error handler: a KairosError becomes its status and JSON.
    app.setErrorHandler((error, _request, reply) => {
      if (error instanceof KairosError) return reply.code(error.statusCode).send(error.toJSON());
      return reply.code((error as { statusCode?: number }).statusCode ?? 500).send({ error: { message: (error as Error).message } });
    });
    routes.length = 0;
    app.addHook('onRoute', (route) => {
      routes.push({ method: route.method, url: route.url, access: route.config?.access, tags: route.schema?.tags, summary: route.schema?.summary });
    });
    registerCatalogRoutes(app, { catalog });
    await app.ready();
  });

  afterEach(async () => {
    await app.close();
  });

  const put = (id: string, payload: unknown) => app.inject({ method: 'PUT', url: `/v1/catalog/products/${id}`, payload: payload as object });

  it('creates a product with 201, replaces it with 200, and returns its view', async () => {
    const created = await put('sku-1', {
      name: 'Trail shoe',
      categoryPath: 'Shoes > Running',
      brand: 'Acme',
      price: 89.9,
      currency: 'eur',
      inventory: 4,
      attributes: { color: 'red', size: 42 },
      imageUrl: 'https://cdn.example.com/1.jpg',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: 'sku-1',
      name: 'Trail shoe',
      categoryPath: ['Shoes', 'Running'],
      brand: 'Acme',
      price: 89.9,
      currency: 'EUR',
      inventory: 4,
      attributes: { color: 'red', size: 42 },
      imageUrl: 'https://cdn.example.com/1.jpg',
      updatedAt: '2024-05-02T09:30:00.000Z',
      live: {
        viewsLastHour: 0,
        viewsToday: 0,
        cartAddsLastHour: 0,
        cartAddsToday: 0,
        purchasesLastHour: 0,
        purchasesToday: 0,
        inventory: 4,
        updatedAt: '2024-05-02T09:30:00.000Z',
      },
    });
    const replaced = await put('sku-1', { name: 'Trail shoe 2', categoryPath: ['Home/Garden'], brand: null, price: null, inventory: null, attributes: { organic: true } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      name: 'Trail shoe 2',
      categoryPath: ['Home/Garden'],
      brand: null,
      price: null,
      currency: null,
      inventory: null,
      attributes: { organic: true },
      live: { inventory: null },
    });
  });

  it('shows the live counters with GET', async () => {
    await put('sku-1', { name: 'Trail shoe', inventory: 4 });
    await catalog.recordActivity([
      { productId: 'sku-1', kind: 'view', quantity: 1, at: now - 10 * 60_000 },
      { productId: 'sku-1', kind: 'purchase', quantity: 1, at: now - 2 * 60 * 60_000 },
    ]);
    const response = await app.inject({ method: 'GET', url: '/v1/catalog/products/sku-1' });
    expect(response.statusCode).toBe(200);
    expect(response.json().live).toEqual({
      viewsLastHour: 1,
      viewsToday: 1,
      cartAddsLastHour: 0,
      cartAddsToday: 0,
      purchasesLastHour: 0,
      purchasesToday: 1,
      inventory: 3,
      updatedAt: '2024-05-02T09:30:00.000Z',
    });
  });

  it('answers 404 with the error code for an unknown product', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/catalog/products/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'KAIROS_PRODUCT_NOT_FOUND', message: 'no product with id "nope" is in the catalog', details: [{ field: 'id', problem: 'unknown product' }] },
    });
  });

  it.each([
    ['a blank name', { name: '  ' }],
    ['no name', { price: 3 }],
    ['a negative price', { name: 'Shoe', price: -1 }],
    ['a four-letter currency', { name: 'Shoe', currency: 'EURO' }],
    ['a fractional inventory', { name: 'Shoe', inventory: 1.5 }],
    ['a nested attribute', { name: 'Shoe', attributes: { colors: { main: 'red' } } }],
    ['an image URL that is not http(s)', { name: 'Shoe', imageUrl: 'javascript:alert(1)' }],
    ['a price as a string', { name: 'Shoe', price: '12' }],
    ['a field the product does not have', { name: 'Shoe', colour: 'red' }],
  ])('refuses a body with %s with 400 and stores nothing', async (_case, body) => {
    const response = await put('sku-1', body);
    expect(response.statusCode).toBe(400);
    expect(await catalog.countProducts()).toBe(0);
  });

  it('names the offending field in the 400', async () => {
    const response = await put('sku-1', { name: 'Shoe', inventory: null, price: -1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body/price expected number to be greater or equal to 0');
  });

  it('declares both routes as admin routes, tagged and summarised for the OpenAPI document', () => {
    expect(routes.filter((route) => route.method !== 'HEAD')).toEqual([
      { method: 'PUT', url: '/v1/catalog/products/:id', access: 'admin', tags: ['catalog'], summary: 'Create or replace a product' },
      { method: 'GET', url: '/v1/catalog/products/:id', access: 'admin', tags: ['catalog'], summary: 'Show a product with its live counters' },
    ]);
  });
});
