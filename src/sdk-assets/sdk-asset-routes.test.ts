import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogService } from '../catalog/catalog-service.js';
import { InMemoryCatalogStore } from '../catalog/in-memory-catalog-store.js';
import { registerErrorHandler } from '../server/error-handler.js';
import { ManualClock } from '../shared/clock.js';
import { registerSdkAssetRoutes } from './sdk-asset-routes.js';

const WRITE_KEY = 'wk-demo-1';
const BUNDLE = 'export const Kairos = {};\n';

describe('SDK asset routes', () => {
  let dir: string;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;

  const appWith = async (bundlePath: string) => {
    const catalog = new CatalogService({ store: new InMemoryCatalogStore(), transactions: { run: (work) => work() }, clock: new ManualClock(Date.parse('2026-03-01T10:00:00Z')), timeZone: 'UTC' });
    await catalog.putProduct('sku-1', { name: `Trail <shoe> & "co"`, price: 89.5, currency: 'EUR', categoryPath: ['shoes', 'trail'], brand: 'Acme' });
    const instance = Fastify();
    registerErrorHandler(instance);
    registerSdkAssetRoutes(instance, { catalog, writeKey: WRITE_KEY, bundlePath });
    return instance;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-sdk-assets-'));
    writeFileSync(join(dir, 'kairos.js'), BUNDLE);
    app = await appWith(join(dir, 'kairos.js'));
    unbuilt = await appWith(join(dir, 'missing.js'));
  });
  afterAll(async () => {
    await Promise.all([app.close(), unbuilt.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundle as JavaScript with an ETag, and 304 when the browser has it', async () => {
    const response = await app.inject({ method: 'GET', url: '/sdk/kairos.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.body).toBe(BUNDLE);
    const etag = String(response.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await app.inject({ method: 'GET', url: '/sdk/kairos.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 with a JSON error that says how to build the bundle when it is missing', async () => {
    const response = await unbuilt.inject({ method: 'GET', url: '/sdk/kairos.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'KAIROS_SDK_NOT_BUILT', message: expect.stringMatching(/npm run build/) });
  });

  it('renders a product page that loads the SDK, with every catalog value escaped', async () => {
    const response = await app.inject({ method: 'GET', url: '/demo/product/sku-1?heartbeatSeconds=2' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = response.body;
    expect(page).toContain('<h1>Trail &lt;shoe&gt; &amp; &quot;co&quot;</h1>');
    expect(page).not.toContain('<shoe>');
    expect(page).toContain(`data-write-key="${WRITE_KEY}"`);
    expect(page).toContain('data-heartbeat-seconds="2"');
    expect(page).toContain('data-product-id="sku-1"');
    expect(page).toContain('<div data-kairos-placement="product-page"></div>');
    expect(page).toContain("import { Kairos } from '/sdk/kairos.js';");
    expect(page).toContain('89.50 EUR');
  });

  it('uses a 15 s heartbeat by default and refuses one out of range', async () => {
    expect((await app.inject({ method: 'GET', url: '/demo/product/sku-1' })).body).toContain('data-heartbeat-seconds="15"');
    expect((await app.inject({ method: 'GET', url: '/demo/product/sku-1?heartbeatSeconds=0' })).statusCode).toBe(400);
  });

  it('answers an unknown product with a 404 HTML page, escaping the id', async () => {
    const response = await app.inject({ method: 'GET', url: `/demo/product/${encodeURIComponent('<b>nope</b>')}` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('&lt;b&gt;nope&lt;/b&gt;');
    expect(response.body).not.toContain('<b>nope');
  });
});
