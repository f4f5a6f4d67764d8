import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

/**
 * POST /v1/recommendations on a real server: products from the catalog API, behaviour through the
 * Segment batch API, recommendations over HTTP — the whole path a retailer's site takes.
 */
describe('POST /v1/recommendations over HTTP', () => {
  let server: TestServer;
  const now = Date.now();
  let seq = 0;
  const track = (anonymousId: string, event: string, properties: Record<string, unknown>, minutesAgo = 60) => ({
    type: 'track',
    event,
    anonymousId,
    messageId: `m-${seq++}`,
    timestamp: new Date(now - minutesAgo * 60_000 + seq).toISOString(),
    properties,
  });
  const viewed = (anonymousId: string, productId: string, minutesAgo?: number) => track(anonymousId, 'Product Viewed', { product_id: productId }, minutesAgo);
  const recommend = (body: unknown) => server.request('POST', '/v1/recommendations', { body });

  beforeAll(async () => {
    server = await startTestServer();
    const products: Array<[string, Record<string, unknown>]> = [
      ['tent', { name: 'Trail tent', categoryPath: 'Outdoor > Tents', brand: 'Peak', price: 199, inventory: 12 }],
      ['stove', { name: 'Camp stove', categoryPath: 'Outdoor > Cooking', brand: 'Peak', price: 59, inventory: 30 }],
      ['mat', { name: 'Sleeping mat', categoryPath: 'Outdoor > Sleeping', brand: 'Rest', price: 39, inventory: 0 }],
      ['lamp', { name: 'Camp lamp', categoryPath: 'Outdoor > Lighting', brand: 'Glow', price: 25, inventory: 8 }],
      ['bag', { name: 'Sleeping bag', categoryPath: 'Outdoor > Sleeping', brand: 'Rest', price: 89, inventory: 5 }],
      ['mug', { name: 'Enamel mug', categoryPath: 'Outdoor > Cooking', brand: 'Peak', price: 12, inventory: 50 }],
    ];
    for (const [id, product] of products) expect((await server.request('PUT', `/v1/catalog/products/${id}`, { auth: 'admin', body: product })).status).toBeLessThan(300);
    const batch = [];
    // Ten sessions view the tent with the stove, the mat (out of stock) and the lamp; the mug with the stove.
    for (let i = 0; i < 10; i++) batch.push(viewed(`v${i}`, 'tent'), viewed(`v${i}`, 'stove'), viewed(`v${i}`, 'mat'), ...(i < 4 ? [viewed(`v${i}`, 'lamp')] : []));
    for (let i = 0; i < 3; i++) batch.push(viewed(`w${i}`, 'mug'), viewed(`w${i}`, 'stove'));
    // Shoppers who bought the tent and the stove together also bought the mug.
    for (let i = 0; i < 3; i++) {
      batch.push(track(`b${i}`, 'Order Completed', { order_id: `o${i}`, products: [{ product_id: 'tent' }, { product_id: 'stove' }, { product_id: 'mug' }] }, 30));
    }
    expect((await server.request('POST', '/v1/batch', { body: { batch } })).status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('recommends what was viewed with the product, says why, and leaves out what is out of stock', async () => {
    const response = await recommend({ anonymousId: 'newcomer', placement: 'product', context: { product: { id: 'tent' } }, count: 3 });
    expect(response.status).toBe(200);
    expect(response.body.profileId).toBeNull();
    expect(response.body.warming).toBe(false);
    const [first, second] = response.body.items;
    expect(first).toMatchObject({ productId: 'stove', position: 1, strategy: 'viewed_together', reason: 'viewed in the same session as this product in 10 sessions' });
    // 30 in stock less the 3 sold.
    expect(first.product).toMatchObject({ name: 'Camp stove', price: 59, inventory: 27 });
    expect(second).toMatchObject({ productId: 'lamp', strategy: 'viewed_together' });
    expect(response.body.items.map((item: { productId: string }) => item.productId)).not.toContain('mat');
    expect(response.body.strategies[0]).toMatchObject({ strategy: 'viewed_together', outcome: 'used', removed: { out_of_stock: 1 } });
    // Viewed together had two items left after the filter; the chain filled the third place.
    expect(response.body.items).toHaveLength(3);
    expect(response.body.items[2].strategy).not.toBe('viewed_together');
  });

  it('answers for the whole cart with what was bought together', async () => {
    const response = await recommend({ anonymousId: 'newcomer', placement: 'cart', context: { cart: ['tent', 'stove'] } });
    expect(response.body.items[0]).toMatchObject({ productId: 'mug', strategy: 'bought_together' });
    expect(response.body.items.map((item: { productId: string }) => item.productId)).not.toContain('tent');
  });

  it('hands over to the next strategy when the rules remove everything, and says so', async () => {
    const put = await server.request('PUT', '/v1/placements/product', {
      auth: 'admin',
      body: { count: 2, chain: [{ strategy: 'viewed_together' }, { strategy: 'similar_items' }], rules: { blockedCategories: ['Cooking', 'Lighting'], excludeOutOfStock: true } },
    });
    expect(put.status).toBe(200);
    const response = await recommend({ anonymousId: 'newcomer', placement: 'product', context: { product: { id: 'tent' } } });
    expect(response.body.strategies[0]).toMatchObject({ strategy: 'viewed_together', outcome: 'filtered_out', removed: { blocked_category: 2, out_of_stock: 1 } });
    expect(response.body.strategies[1]).toMatchObject({ strategy: 'similar_items', outcome: 'used' });
    // Only the bag is like the tent and outside the blocked categories; popular had nothing else left.
    expect(response.body.items.map((item: { productId: string; strategy: string }) => [item.productId, item.strategy])).toEqual([['bag', 'similar_items']]);
    expect(response.body.strategies[2]).toMatchObject({ strategy: 'popular', outcome: 'filtered_out' });
    expect((await server.request('DELETE', '/v1/placements/product', { auth: 'admin' })).status).toBe(204);
  });

  it('picks up where the shopper left off on another device, once identify joins them', async () => {
    const batch = [
      viewed('phone-1', 'bag', 20),
      viewed('phone-1', 'bag', 19),
      viewed('laptop-1', 'lamp', 10),
      { type: 'identify', anonymousId: 'phone-1', userId: 'sam', messageId: `m-${seq++}`, timestamp: new Date(now - 18 * 60_000).toISOString() },
      { type: 'identify', anonymousId: 'laptop-1', userId: 'sam', messageId: `m-${seq++}`, timestamp: new Date(now - 9 * 60_000).toISOString() },
    ];
    expect((await server.request('POST', '/v1/batch', { body: { batch } })).status).toBe(200);
    await server.request('PUT', '/v1/placements/recent', { auth: 'admin', body: { count: 2, chain: [{ strategy: 'recently_viewed' }], fallbackToPopular: false } });
    const response = await recommend({ userId: 'sam', placement: 'recent' });
    expect(response.body.profileId).toEqual(expect.any(String));
    expect(response.body.items.map((item: { productId: string }) => item.productId)).toEqual(['bag', 'lamp']);
    expect(response.body.items[0].reason).toBe('you viewed 2×, last today');
  });

  it('answers an unknown placement with 404 naming the known ones, and bad input with 400 naming the field', async () => {
    const unknown = await recommend({ anonymousId: 'a', placement: 'checkout-upsell' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('KAIROS_PLACEMENT_NOT_FOUND');
    expect(unknown.body.error.message).toContain('home');
    const bad = await recommend({ anonymousId: 'a', placement: 'product', count: 500 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('count');
    const unknownField = await recommend({ anonymousId: 'a', placement: 'product', context: { sku: 'x' } });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body)).toContain('context.sku');
  });

  it('serves a product nobody has seen from the catalog and the popular fallback', async () => {
    expect((await server.request('PUT', '/v1/catalog/products/tarp', { auth: 'admin', body: { name: 'Trail tarp', categoryPath: 'Outdoor > Tents', brand: 'Peak', price: 79, inventory: 3 } })).status).toBeLessThan(300);
    const response = await recommend({ placement: 'product', context: { product: { id: 'tarp' } }, count: 4 });
    expect(response.status).toBe(200);
    expect(response.body.strategies[0]).toMatchObject({ strategy: 'viewed_together', outcome: 'no_items' });
    expect(response.body.items[0]).toMatchObject({ productId: 'tent', strategy: 'similar_items' });
    expect(response.body.items).toHaveLength(4);
  });

  it('fills a campaign’s recommendation block, and leaves the variant out when there is nothing to show', async () => {
    const variant = (id: string, placement: string) => ({
      id,
      kind: 'recommendations',
      channel: 'web',
      recommendations: { placement, count: 2 },
      content: { title: 'Goes well with it', body: '{% for item in recommendations %}{{ item.name }} ({{ item.price }}){% unless forloop.last %}, {% endunless %}{% endfor %}' },
    });
    const campaign = (name: string, placement: string) => ({
      name,
      status: 'active',
      priority: 5,
      trigger: { type: 'placement', placements: ['product-page'] },
      holdoutPercent: 0,
      variants: [variant('block', placement)],
    });
    const created = await server.request('POST', '/v1/campaigns', { auth: 'admin', body: campaign('Complete the kit', 'product') });
    expect(created.status).toBe(201);
    const decision = await server.request('POST', '/v1/decide', { body: { anonymousId: 'browser-1', placement: 'product-page', context: { product: { id: 'tent' } }, preview: true } });
    expect(decision.body.interventions[0].content).toEqual({ title: 'Goes well with it', body: 'Camp stove (59), Camp lamp (25)' });

    await server.request('PUT', '/v1/placements/nothing', { auth: 'admin', body: { count: 2, chain: [{ strategy: 'recently_viewed' }], fallbackToPopular: false } });
    await server.request('PUT', `/v1/campaigns/${created.body.id}/status`, { auth: 'admin', body: { status: 'paused' } });
    const empty = await server.request('POST', '/v1/campaigns', { auth: 'admin', body: campaign('Nothing to show', 'nothing') });
    const withoutItems = await server.request('POST', '/v1/decide', { body: { anonymousId: 'browser-1', placement: 'product-page', context: { product: { id: 'tent' } }, preview: true, explain: true } });
    expect(withoutItems.body.interventions).toEqual([]);
    const why = withoutItems.body.why.find((entry: { campaignId: string }) => entry.campaignId === empty.body.id);
    expect(why).toMatchObject({ outcome: 'no_eligible_variant', detail: 'block: placement nothing has no products to recommend' });

    const unnamed = await server.request('POST', '/v1/campaigns', { auth: 'admin', body: { ...campaign('No block', 'product'), variants: [{ ...variant('block', 'product'), recommendations: undefined }] } });
    expect(unnamed.status).toBe(400);
    expect(JSON.stringify(unnamed.body)).toContain('variants.0.recommendations');
  });
});
