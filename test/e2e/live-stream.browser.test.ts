import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SDK_BUNDLE_PATH } from './browser-support.js';

/**
 * GET /v1/stream is built on another branch, so the SDK's side of it is tested against a fake: a
 * server that serves a shop page and the bundle, pushes one intervention on the stream and records
 * what the SDK posts to /v1/batch.
 */
const PUSHED = {
  messageId: 'msg_stream_1',
  decisionId: 'dec_stream_1',
  campaignId: 'cmp_stream',
  variantId: 'low-stock',
  kind: 'urgency',
  channel: 'web',
  content: { title: 'Hurry', body: '<img src=x onerror="window.kairosXss=1">Only 2 left', cta: { label: 'Buy', url: 'javascript:window.kairosXss=2' } },
};

interface Recorded {
  contentType: string;
  messages: Array<{ type: string; event?: string; anonymousId: string; properties?: Record<string, unknown> }>;
  at: number;
}

function fakeKairos() {
  const batches: Recorded[] = [];
  const streams: Array<{ query: URLSearchParams; at: number }> = [];
  const page = `<!doctype html><html><body><h1>Shop</h1><script type="module">
    import { Kairos } from '/sdk/kairos.js';
    Kairos.init({ writeKey: 'wk-stream', host: location.origin, autoPage: true });
  </script></body></html>`;
  const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (url.pathname === '/sdk/kairos.js') return response.writeHead(200, { 'content-type': 'application/javascript' }).end(readFileSync(SDK_BUNDLE_PATH));
    if (url.pathname === '/v1/batch') {
      batches.push({ contentType: String(request.headers['content-type']), messages: JSON.parse(body).batch, at: Date.now() });
      return response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
    }
    if (url.pathname === '/v1/stream') {
      streams.push({ query: url.searchParams, at: Date.now() });
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      return response.write(`: hello\n\nevent: intervention\ndata: ${JSON.stringify(PUSHED)}\n\n`);
    }
    response.writeHead(404).end();
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handle(request, response, body));
  });
  return { server, batches, streams, tracked: (event: string) => batches.flatMap((batch) => batch.messages).filter((message) => message.event === event) };
}

describe('the SDK and the live-session stream, in chromium', () => {
  let browser: Browser;
  const fake = fakeKairos();
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    fake.server.closeAllConnections(); // the event stream never ends by itself
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('opens the stream after the first batch, shows a pushed intervention as text only, and reports it with the messageId', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const body = page.locator('[data-kairos-overlays] [data-kairos-body]');
    await body.waitFor();
    expect(await body.textContent()).toBe(PUSHED.content.body);
    expect(await page.locator('[data-kairos-overlays] [data-kairos-title]').textContent()).toBe('Hurry');
    expect(await page.locator('[data-kairos-overlays] img').count()).toBe(0);
    expect(await page.locator('[data-kairos-cta]').count()).toBe(0); // a javascript: link is never rendered
    expect(await page.evaluate('typeof window.kairosXss')).toBe('undefined');

    const anonymousId = String(await page.evaluate("localStorage.getItem('kairos.anonymousId')"));
    const [stream] = fake.streams;
    expect(Object.fromEntries(stream!.query)).toEqual({ writeKey: 'wk-stream', anonymousId });
    expect(fake.batches[0]!.messages[0]).toMatchObject({ type: 'page', anonymousId });
    expect(fake.batches[0]!.at).toBeLessThanOrEqual(stream!.at);
    expect(fake.batches[0]!.contentType).toBe('text/plain');

    const reported = { messageId: 'msg_stream_1', decisionId: 'dec_stream_1', campaignId: 'cmp_stream', variantId: 'low-stock', kind: 'urgency' };
    await expect.poll(() => fake.tracked('Intervention Viewed').map((message) => message.properties)).toEqual([reported]);

    await page.locator('[data-kairos-close]').click();
    expect(await body.count()).toBe(0);
    await expect.poll(() => fake.tracked('Intervention Dismissed').map((message) => message.properties)).toEqual([reported]);
    await page.close();
  });
});
