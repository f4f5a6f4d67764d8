import { describe, expect, it } from 'vitest';
import { batchBody, buildMessage, type BrowserEnvironment } from './messages.js';
import { SDK_VERSION } from './version.js';

const environment: BrowserEnvironment = {
  page: { url: 'https://shop.example/p/sku-1?ref=mail', path: '/p/sku-1', title: 'Red shoes', referrer: 'https://mail.example/' },
  userAgent: 'TestAgent/1.0',
  locale: 'nl-NL',
  timezone: 'Europe/Amsterdam',
};
const at = new Date('2026-03-01T10:00:00.000Z');

describe('buildMessage', () => {
  it('makes a Segment track message with the web context and the library', () => {
    const message = buildMessage({ type: 'track', event: 'Product Added', properties: { product_id: 'sku-1' } }, { anonymousId: 'anon-1' }, environment, at, 'm-1');
    expect(message).toEqual({
      type: 'track',
      event: 'Product Added',
      properties: { product_id: 'sku-1' },
      messageId: 'm-1',
      anonymousId: 'anon-1',
      timestamp: '2026-03-01T10:00:00.000Z',
      context: {
        channel: 'web',
        page: environment.page,
        userAgent: 'TestAgent/1.0',
        locale: 'nl-NL',
        timezone: 'Europe/Amsterdam',
        library: { name: 'kairos-sdk', version: SDK_VERSION },
      },
    });
  });

  it('carries the userId once known', () => {
    const message = buildMessage({ type: 'identify', traits: { firstName: 'Ada' } }, { anonymousId: 'anon-1', userId: 'ada' }, environment, at, 'm-2');
    expect(message).toMatchObject({ type: 'identify', userId: 'ada', anonymousId: 'anon-1', traits: { firstName: 'Ada' } });
  });

  it('puts the page fields in a page call’s properties, as Segment’s libraries do, letting the caller’s win', () => {
    const message = buildMessage({ type: 'page', name: 'Product', properties: { productId: 'sku-1', title: 'Mine' } }, { anonymousId: 'a' }, environment, at, 'm-3');
    expect(message).toMatchObject({ type: 'page', name: 'Product', properties: { url: environment.page.url, path: '/p/sku-1', referrer: environment.page.referrer, title: 'Mine', productId: 'sku-1' } });
  });
});

describe('batchBody', () => {
  it('stamps sentAt on the batch and each message and carries the write key in the body', () => {
    const message = buildMessage({ type: 'track', event: 'x', properties: {} }, { anonymousId: 'a' }, environment, at, 'm-1');
    const body = JSON.parse(batchBody([message], 'wk', new Date('2026-03-01T10:00:02.000Z')));
    expect(body).toEqual({ batch: [{ ...message, sentAt: '2026-03-01T10:00:02.000Z' }], sentAt: '2026-03-01T10:00:02.000Z', writeKey: 'wk' });
  });
});
