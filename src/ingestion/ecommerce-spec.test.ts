import { describe, expect, it } from 'vitest';
import { interpretCommerce } from './ecommerce-spec.js';
import type { KairosEvent } from './kairos-event.js';

function track(name: string, properties: Record<string, unknown>): KairosEvent {
  return { messageId: 'm', type: 'track', name, properties, traits: {}, context: {}, timestamp: 0, receivedAt: 0, channel: 'web' };
}

describe('interpretCommerce', () => {
  it('reads a product view by Segment e-commerce names, case-insensitively', () => {
    expect(interpretCommerce(track('product viewed', { product_id: 'p1', category: 'Shoes', brand: 'Acme', price: '59.90' }))).toEqual({
      kind: 'product_view',
      products: [{ productId: 'p1', category: 'Shoes', brand: 'Acme', price: 59.9, quantity: 1 }],
    });
  });

  it('reads an order with its lines and revenue', () => {
    const facts = interpretCommerce(
      track('Order Completed', { order_id: 'o1', revenue: 90, products: [{ product_id: 'p1', price: 30, quantity: 2 }, { sku: 'p2', price: 30 }, 'junk'] }),
    );
    expect(facts).toEqual({
      kind: 'purchase',
      orderId: 'o1',
      revenue: 90,
      products: [
        { productId: 'p1', price: 30, quantity: 2 },
        { productId: 'p2', price: 30, quantity: 1 },
      ],
    });
  });

  it('sums the lines when an order has no revenue', () => {
    expect(interpretCommerce(track('Order Completed', { products: [{ product_id: 'p1', price: 10, quantity: 3 }] })).revenue).toBe(30);
  });

  it('reads a search query, and leaves unknown events as other', () => {
    expect(interpretCommerce(track('Products Searched', { query: 'red shoes' }))).toEqual({ kind: 'search', products: [], query: 'red shoes' });
    expect(interpretCommerce(track('Banner Glanced At', {})).kind).toBe('other');
  });
});
