import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Kairos } from '../app/create-kairos.js';
import type { CampaignInput } from '../campaigns/campaign.js';
import { readProductFile } from '../catalog/product-file-reader.js';
import type { RetailStoreInput } from '../retail-stores/retail-store.js';
import { readClickstream } from '../datasets/read-clickstream.js';
import { inTimeOrder } from '../datasets/time-order.js';
import { feedMessages } from './feed-messages.js';
import { RowTally } from './row-tally.js';

/** The real sample data bundled in samples/ (see samples/README.md for where each file comes from). */
const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
export const DEMO_FILES = {
  catalog: `${SAMPLES}catalog-rees46.jsonl.gz`,
  campaigns: `${SAMPLES}demo-campaigns.json`,
  stores: `${SAMPLES}demo-stores.json`,
  clickstreams: [`${SAMPLES}rees46-head-5000.csv.gz`, `${SAMPLES}taobao-head-20000.csv.gz`],
};

/**
 * Loads the samples into an empty store, and where there are none, the example campaigns (social proof
 * on product pages and after a long look, a welcome back on the home page, a pickup notice on entering
 * a store) and an example store; a store that already has events is left as it is.
 */
export async function loadDemoData(kairos: Kairos, logger: Logger): Promise<void> {
  if ((await kairos.stores.events.count()) > 0) {
    logger.info('the store already has events: demo data not loaded again');
    return;
  }
  const catalog = { rows: 0 };
  const products = async function* () {
    for await (const row of readProductFile(DEMO_FILES.catalog)) {
      catalog.rows++;
      if (row.product) yield row.product;
    }
  };
  await kairos.catalog.importProducts(products());
  for (const file of DEMO_FILES.clickstreams) {
    const tally = new RowTally();
    await feedMessages(inTimeOrder(() => readClickstream(file), { source: file }), kairos.ingestion, tally);
    logger.info({ file, events: tally.accepted, rejected: tally.rejected }, 'demo clickstream replayed');
  }
  if ((await kairos.retailStores.all()).length === 0) {
    for (const { id, ...store } of JSON.parse(readFileSync(DEMO_FILES.stores, 'utf8')) as Array<RetailStoreInput & { id: string }>) await kairos.retailStores.put(id, store);
  }
  if ((await kairos.campaigns.list()).length === 0) {
    for (const campaign of JSON.parse(readFileSync(DEMO_FILES.campaigns, 'utf8')) as CampaignInput[]) await kairos.campaigns.create(campaign);
  }
  logger.info({ products: catalog.rows, profiles: await kairos.stores.profiles.count(), events: await kairos.stores.events.count() }, 'demo data loaded');
}
