import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignInput } from '../../src/campaigns/campaign.js';
import { startTestServer, WRITE_KEY, type TestServer } from '../../src/test-support/test-server.js';
import { launchChromium, named, waitForHistory } from './browser-support.js';

const PRODUCT_ID = 'sku-e2e-1';

/** A banner for anyone who viewed a product this session: the SDK must have sent Product Viewed before deciding. */
const bannerCampaign: CampaignInput = {
  name: 'Free delivery banner',
  trigger: { type: 'placement', placements: ['product-page'] },
  audience: { path: 'session.productViews', gte: 1 },
  variants: [
    {
      id: 'free-delivery',
      kind: 'custom',
      channel: 'web',
      content: { title: 'Just for you', body: 'Free delivery on {{ product.name }} today', cta: { label: 'See the offer', url: '/healthz' } },
    },
  ],
  caps: { perDay: 50 },
  holdoutPercent: 0,
};

describe('the SDK in chromium, against a real Kairos', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ KAIROS_GLOBAL_DAILY_CAP: '50' }), launchChromium()]);
    const admin = (method: string, path: string, body: unknown) => server.request(method, path, { auth: 'admin', body });
    expect((await admin('PUT', `/v1/catalog/products/${PRODUCT_ID}`, { name: 'Trail shoe', price: 89, currency: 'EUR', categoryPath: ['shoes'] })).status).toBe(201);
    const campaign = await admin('POST', '/v1/campaigns', bannerCampaign);
    expect((await admin('PUT', `/v1/campaigns/${campaign.body.id}/status`, { status: 'active' })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const openProductPage = async (page: Page) => {
    await page.goto(`${server.url}/demo/product/${PRODUCT_ID}?heartbeatSeconds=1`);
    await page.locator('[data-kairos-banner] [data-kairos-body]').waitFor();
    // Strings, not functions: the tests are typechecked without the DOM library.
    return String(await page.evaluate("localStorage.getItem('kairos.anonymousId')"));
  };

  it('sends Page, Product Viewed and Heartbeats, and renders the placement banner with the decision', async () => {
    const page = await browser.newPage();
    const anonymousId = await openProductPage(page);
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.locator('[data-kairos-placement="product-page"] [data-kairos-title]').textContent()).resolves.toBe('Just for you');
    await expect(page.locator('[data-kairos-body]').textContent()).resolves.toBe('Free delivery on Trail shoe today');

    const history = await waitForHistory(server, anonymousId, (events) => named(events, 'Heartbeat').length > 0 && named(events, 'Intervention Viewed').length > 0);
    const pageView = history.find((event) => event.type === 'page');
    expect(pageView).toMatchObject({ name: 'Product', properties: { productId: PRODUCT_ID, path: `/demo/product/${PRODUCT_ID}` } });
    expect(pageView?.context).toMatchObject({ channel: 'web', library: { name: 'kairos-sdk' }, page: { path: `/demo/product/${PRODUCT_ID}` } });
    expect(named(history, 'Product Viewed')[0]?.properties).toMatchObject({ product_id: PRODUCT_ID, name: 'Trail shoe', price: 89, currency: 'EUR' });
    expect(named(history, 'Heartbeat')[0]?.properties).toEqual({ path: `/demo/product/${PRODUCT_ID}`, product_id: PRODUCT_ID });
    const delivered = named(history, 'Intervention Delivered')[0];
    expect(delivered).toBeDefined();
    expect(named(history, 'Intervention Viewed')[0]?.properties).toMatchObject({
      decisionId: delivered?.properties.decisionId,
      campaignId: delivered?.properties.campaignId,
      variantId: 'free-delivery',
      kind: 'custom',
    });

    await page.locator('[data-add-to-cart]').click();
    await waitForHistory(server, anonymousId, (events) => named(events, 'Product Added').length === 1);
    await page.close();
  });

  it('reports Intervention Clicked when the CTA navigates away, and Intervention Dismissed on close', async () => {
    const page = await browser.newPage();
    const anonymousId = await openProductPage(page);
    await Promise.all([page.waitForURL(/\/healthz$/), page.locator('[data-kairos-cta]').click()]);
    const clicked = await waitForHistory(server, anonymousId, (events) => named(events, 'Intervention Clicked').length === 1);
    const decisionId = named(clicked, 'Intervention Clicked')[0]?.properties.decisionId;
    expect(named(clicked, 'Intervention Viewed').map((event) => event.properties.decisionId)).toContain(decisionId);

    await openProductPage(page);
    await page.locator('[data-kairos-close]').click();
    await expect(page.locator('[data-kairos-banner]').count()).resolves.toBe(0);
    const dismissed = await waitForHistory(server, anonymousId, (events) => named(events, 'Intervention Dismissed').length === 1);
    const dismissal = named(dismissed, 'Intervention Dismissed')[0]?.properties;
    expect(dismissal?.decisionId).toMatch(/\S/);
    expect(dismissal?.decisionId).not.toBe(decisionId);
    expect(named(dismissed, 'Intervention Delivered').map((event) => event.properties.decisionId)).toContain(dismissal?.decisionId);
    await page.close();
  });

  it('sends Exit Intent once when the pointer leaves through the top of the window', async () => {
    const page = await browser.newPage();
    const anonymousId = await openProductPage(page);
    await page.mouse.move(200, 200);
    await page.mouse.move(200, -10, { steps: 5 });
    await page.mouse.move(200, 200);
    await page.mouse.move(200, -10, { steps: 5 });
    const history = await waitForHistory(server, anonymousId, (events) => named(events, 'Exit Intent').length > 0);
    await page.waitForTimeout(1500); // a second exit in the same page view would have been flushed by now
    expect(named(await waitForHistory(server, anonymousId, () => true), 'Exit Intent')).toHaveLength(1);
    expect(named(history, 'Exit Intent')[0]?.properties).toEqual({ path: `/demo/product/${PRODUCT_ID}` });
    await page.close();
  });

  it('works from a shop on another origin: CORS for the module, batches, decide and beacons; the shop’s CSS cannot hide it', async () => {
    const shop = await serveShopPage(server.url);
    const page = await browser.newPage();
    try {
      await page.goto(shop.url);
      const banner = page.locator('[data-kairos-banner] [data-kairos-body]');
      await banner.waitFor();
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toBe('Free delivery on Trail shoe today');
      await page.evaluate("window.kairos.track('Shop Left')");
      await page.goto('about:blank'); // before the 1 s flush: only the pagehide beacon can carry it
      const history = await waitForHistory(server, 'cross-origin-shopper', (events) => named(events, 'Shop Left').length === 1);
      expect(history.find((event) => event.type === 'identify')).toBeDefined();
      expect(named(history, 'Intervention Viewed')).toHaveLength(1);
    } finally {
      await page.close();
      shop.server.closeAllConnections(); // chromium keeps its keep-alive connection open
      await new Promise((resolve) => shop.server.close(resolve));
    }
  });
});

/** A shop's page on its own origin, loading the SDK from Kairos, with CSS that hides every div, p and link it can. */
async function serveShopPage(kairosUrl: string): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html><html><head><style>div, p, a, strong, button { display: none !important; color: red !important; }</style></head>
<body><h1>Another shop</h1><script type="module">
  import { createKairos } from '${kairosUrl}/sdk/kairos.js';
  const kairos = createKairos({ writeKey: '${WRITE_KEY}' }); // host: where the SDK came from
  window.kairos = kairos;
  kairos.identify('cross-origin-shopper');
  kairos.track('Product Viewed', { product_id: '${PRODUCT_ID}' });
  kairos.decide('product-page', { product: { id: '${PRODUCT_ID}' } });
</script></body></html>`;
  const shop = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((resolve) => shop.listen(0, 'localhost', resolve));
  return { server: shop, url: `http://localhost:${(shop.address() as AddressInfo).port}/` };
}
