import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';

const MINUTE = 60_000;

/**
 * The whole loop on a real core: events in through ingestion, the vocabulary learned on the bus,
 * profiles folded by the pipeline, then re-ranking. The catalogue calls them handbags; shoppers type
 * "purse"; the engine's text match puts a purse-shaped cushion first.
 */
describe('search personalization, end to end', () => {
  let kairos: TempKairos;
  let messages = 0;
  beforeEach(async () => {
    kairos = createTempKairos();
    const products: Array<[string, string, string, string]> = [
      ['cushion-1', 'Purse-shaped cushion', 'Home > Cushions', 'Nest'],
      ['wallet-1', 'Leather purse wallet', 'Accessories > Wallets', 'Acme'],
      ['bag-1', 'City tote', 'Bags > Handbags', 'Acme'],
      ['bag-2', 'Evening clutch', 'Bags > Handbags', 'Mira'],
      ['bag-3', 'Crossbody', 'Bags > Handbags', 'Mira'],
      ['bag-4', 'Shopper', 'Bags > Handbags', 'Lune'],
      ['bag-5', 'Bucket bag', 'Bags > Handbags', 'Lune'],
      ['pack-1', 'Day pack', 'Bags > Backpacks', 'Trek'],
      ['scarf-1', 'Wool scarf', 'Accessories > Scarves', 'Nest'],
      ['scarf-2', 'Silk scarf', 'Accessories > Scarves', 'Mira'],
    ];
    for (const [id, name, categoryPath, brand] of products) await kairos.catalog.putProduct(id, { name, categoryPath, brand });
  });
  afterEach(async () => {
    await kairos.dispose();
  });

  const send = async (anonymousId: string, event: string, properties: Record<string, unknown>) => {
    await kairos.ingestion.ingest([{ type: 'track', event, anonymousId, messageId: `m${++messages}`, timestamp: new Date(kairos.clock.now()).toISOString(), properties }]);
    kairos.clock.advance(20_000);
  };
  const rerank = (body: Parameters<TempKairos['search']['reranker']['rerank']>[0]) => kairos.search.reranker.rerank(body);
  const ids = (response: { results: Array<{ productId: string }> }) => response.results.map((result) => result.productId);

  it('learns that "purse" means handbags from searches and the clicks after them, and ranks a handbag above the engine’s first result', async () => {
    // Twelve shoppers search "purse" (or "Purses") and click handbags, as the events name them; some buy.
    const handbags = ['bag-1', 'bag-2', 'bag-3', 'bag-4'];
    for (let shopper = 0; shopper < 12; shopper++) {
      const anonymousId = `shopper-${shopper}`;
      await send(anonymousId, 'Products Searched', { query: shopper % 3 === 0 ? 'Purses' : 'purse' });
      const clicked = handbags[shopper % handbags.length]!;
      await send(anonymousId, 'Product Clicked', { product_id: clicked, category: 'Handbags' });
      if (shopper % 4 === 0) await send(anonymousId, 'Order Completed', { order_id: `o${shopper}`, products: [{ product_id: clicked, price: 80 }] });
      kairos.clock.advance(2 * 60 * MINUTE);
    }
    // One shopper clicked the cushion once: noise the vocabulary must outweigh.
    await send('shopper-x', 'Products Searched', { query: 'purse' });
    await send('shopper-x', 'Product Clicked', { product_id: 'cushion-1' });
    await kairos.search.learner.idle();

    // A new shopper; the engine's order puts the cushion and the wallet first and a handbag no one clicked fifth.
    const engine = ['cushion-1', 'wallet-1', 'pack-1', 'scarf-1', 'bag-5'].map((productId) => ({ productId }));
    const response = await rerank({ anonymousId: 'newcomer', query: 'Purse', results: engine, explain: true });
    expect(response.profileId).toBeNull();
    // 12 clicks, 3 purchases, 1 click on the cushion.
    expect(response.learnedTerms[0]).toMatchObject({ term: 'purse', evidence: 16 });
    expect(ids(response).indexOf('bag-5')).toBeLessThan(ids(response).indexOf('cushion-1'));
    expect(response.results[0]).toMatchObject({ productId: 'bag-5', originalPosition: 5 });
    expect(response.results[0]!.reasons[0]).toBe('shoppers who searched “purse” chose Handbags');
    expect(response.learnedTerms[0]!.associations[0]).toEqual({ kind: 'category', label: 'Bags', share: expect.any(Number) });

    // Terms carry over to longer queries: "red purses" leans on "purse" until the phrase is learned.
    const longer = await rerank({ query: 'red purses', results: engine });
    expect(ids(longer).indexOf('bag-5')).toBeLessThan(ids(longer).indexOf('cushion-1'));
  });

  it('ranks up a shopper’s favourite brand (a profile’s affinity), and keeps the engine’s order for a stranger', async () => {
    // A shopper looked at Mira products over the last days.
    for (const productId of ['bag-2', 'bag-3', 'bag-2', 'bag-3', 'bag-2']) {
      await send('fan', 'Product Viewed', { product_id: productId, brand: 'Mira', category: 'Bags > Handbags' });
      kairos.clock.advance(12 * 60 * MINUTE);
    }
    const engine = [{ productId: 'scarf-1' }, { productId: 'wallet-1' }, { productId: 'scarf-2' }];

    const fan = await rerank({ anonymousId: 'fan', query: 'scarf', results: engine, explain: true });
    expect(fan.profileId).toMatch(/^prf_/);
    expect(ids(fan)).toEqual(['scarf-2', 'scarf-1', 'wallet-1']);
    expect(fan.results[0]!.reasons).toEqual(['you often look at Mira']);

    const stranger = await rerank({ anonymousId: 'stranger', query: 'scarf', results: engine });
    expect(ids(stranger)).toEqual(['scarf-1', 'wallet-1', 'scarf-2']);
  });

  it('ranks up the category of the current session', async () => {
    await send('browser', 'Product Viewed', { product_id: 'pack-1', category: 'Bags > Backpacks' });
    const response = await rerank({ anonymousId: 'browser', query: 'bag', results: [{ productId: 'bag-1' }, { productId: 'wallet-1' }, { productId: 'pack-1' }], explain: true });
    expect(ids(response)[0]).toBe('pack-1');
    expect(response.results[0]!.reasons).toContain('you looked at this product in this session');
  });
});
