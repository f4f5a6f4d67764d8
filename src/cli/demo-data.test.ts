import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';
import { loadDemoData } from './demo-data.js';

describe('loadDemoData', () => {
  let kairos: TempKairos;
  afterEach(async () => {
    await kairos.dispose();
  });

  it('loads the bundled real samples and the example campaigns once, and they decide', async () => {
    kairos = createTempKairos();
    const logger = pino({ level: 'silent' });
    await loadDemoData(kairos, logger);
    expect(await kairos.catalog.countProducts()).toBe(6493);
    const events = await kairos.stores.events.count();
    expect(events).toBeGreaterThan(24_000);
    expect((await kairos.campaigns.list('active')).map((campaign) => campaign.name).sort()).toEqual([
      'Order ready for pickup, on entering the store',
      'Social proof after a long look at a product',
      'Social proof on product pages',
      'Welcome back customers on the home page',
    ]);
    expect((await kairos.retailStores.all()).map((store) => store.pickupPoint)).toEqual(['the Customer Service Desk']);

    await loadDemoData(kairos, logger);
    expect(await kairos.stores.events.count()).toBe(events);
    expect(await kairos.campaigns.list()).toHaveLength(4);
    expect(await kairos.retailStores.all()).toHaveLength(1);

    // The README's walk-through: a product view now, then a decision for the product page.
    await kairos.ingestion.ingest([{ type: 'track', event: 'Product Viewed', userId: 'sarah', messageId: 'readme-1', properties: { product_id: '1004767' } }]);
    const decision = await kairos.decisions.decide({ userId: 'sarah', placement: 'product-page', context: { product: { id: '1004767' } }, explain: true });
    // Campaign ids are random, so whether sarah falls in the 10% holdout differs from run to run.
    if (decision.heldOut.length === 1) expect(decision.interventions).toEqual([]);
    else expect(decision.interventions.map((intervention) => intervention.content.body)).toEqual(['Samsung smartphone 1004767 was viewed once today']);
  }, 60_000);
});
