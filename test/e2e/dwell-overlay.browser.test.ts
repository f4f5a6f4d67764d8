import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/test-support/test-server.js';
import { launchChromium, named, waitForHistory } from './browser-support.js';

const PRODUCT_ID = 'boot-1';

/**
 * The browser scenario, with nothing faked: the demo product page runs the SDK; the shopper
 * lingers, the dwell trigger fires on the server, the social-proof overlay arrives over the live
 * stream, and its impression and click come back as events.
 */
describe('the dwell trigger in chromium, against a real Kairos', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    const admin = (method: string, path: string, body: unknown) => server.request(method, path, { auth: 'admin', body });
    expect((await admin('PUT', `/v1/catalog/products/${PRODUCT_ID}`, { name: 'Leather ankle boot', price: 89, currency: 'EUR', categoryPath: ['Women', 'Shoes'] })).status).toBe(201);
    for (let i = 0; i < 10; i++) {
      await server.request('POST', '/v1/track', { body: { userId: `buyer-${i}`, event: 'Order Completed', properties: { order_id: `o-${i}`, total: 89, products: [{ product_id: PRODUCT_ID, price: 89 }] } } });
    }
    const campaign = await admin('POST', '/v1/campaigns', {
      name: 'Social proof after a long look',
      status: 'active',
      trigger: { type: 'dwell', seconds: 2 },
      variants: [
        {
          id: 'bought-today',
          kind: 'social_proof',
          channel: 'web',
          content: { body: '{{ product.purchasesToday }} people have purchased this product today!', cta: { label: 'Add to bag', url: '/healthz' } },
        },
      ],
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the social-proof overlay after the dwell fires, and reports the impression and the click', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/demo/product/${PRODUCT_ID}?heartbeatSeconds=1`);
    const overlay = page.locator('[data-kairos-kind="social_proof"] [data-kairos-body]');
    await overlay.waitFor({ timeout: 15_000 });
    expect(await overlay.textContent()).toBe('10 people have purchased this product today!');
    const anonymousId = String(await page.evaluate("localStorage.getItem('kairos.anonymousId')"));

    const viewed = await waitForHistory(server, anonymousId, (events) => named(events, 'Intervention Viewed').length === 1);
    const delivered = named(viewed, 'Intervention Delivered')[0];
    expect(delivered?.properties).toMatchObject({ trigger: 'dwell', kind: 'social_proof', channel: 'web' });
    const impression = named(viewed, 'Intervention Viewed')[0]?.properties;
    expect(impression).toMatchObject({ decisionId: delivered?.properties.decisionId, campaignId: delivered?.properties.campaignId, variantId: 'bought-today' });
    expect(impression?.messageId).toMatch(/^msg_/);

    await Promise.all([page.waitForURL(/\/healthz$/), page.locator('[data-kairos-kind="social_proof"] [data-kairos-cta]').click()]);
    const clicked = await waitForHistory(server, anonymousId, (events) => named(events, 'Intervention Clicked').length === 1);
    expect(named(clicked, 'Intervention Clicked')[0]?.properties).toMatchObject({ messageId: impression?.messageId, decisionId: delivered?.properties.decisionId });
    await page.close();
  });
});
