import { randomUUID } from 'node:crypto';

let visitor = 0;

/**
 * The single `Product Viewed` track call the ingestion benchmarks send: 50,000 visitors in turn (each
 * back some seconds later, as many shoppers browsing at once), a fresh messageId each time.
 */
export function trackBody(): string {
  visitor = (visitor + 1) % 50_000;
  return JSON.stringify({
    type: 'track',
    event: 'Product Viewed',
    anonymousId: `visitor-${visitor}`,
    messageId: randomUUID(),
    timestamp: new Date().toISOString(),
    properties: { product_id: `sku-${visitor % 997}`, category: 'shoes.running', brand: 'acme', price: 59.9 },
    context: { channel: 'web', userAgent: 'Mozilla/5.0 (bench)', page: { path: '/p/sku' } },
  });
}
