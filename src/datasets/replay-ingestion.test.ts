import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';
import { readClickstream } from './read-clickstream.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';
import { inTimeOrder } from './time-order.js';

/**
 * The samples through the real ingestion path, as `kairos replay` will send them: every row is
 * stored, one profile per user, and a second replay is all duplicates.
 */
const sample = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));

let kairos: TempKairos | undefined;
afterEach(async () => {
  await kairos?.dispose();
  kairos = undefined;
});

async function ingestAll(core: TempKairos, rows: AsyncIterable<ReadRow<SegmentMessage>>): Promise<{ accepted: number; duplicates: number; rejected: number }> {
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  let batch: SegmentMessage[] = [];
  const flush = async () => {
    const outcome = await core.ingestion.ingest(batch);
    totals.accepted += outcome.accepted;
    totals.duplicates += outcome.duplicates;
    totals.rejected += outcome.rejectedMessages;
    batch = [];
  };
  for await (const row of rows) {
    if (row.message) batch.push(row.message);
    if (batch.length === 500) await flush();
  }
  await flush();
  return totals;
}

describe('replaying the samples', () => {
  it('stores the REES46 sample once, with one profile per user', async () => {
    kairos = createTempKairos();
    const file = sample('rees46-head-5000.csv.gz');
    expect(await ingestAll(kairos, inTimeOrder(() => readClickstream(file)))).toEqual({ accepted: 5000, duplicates: 0, rejected: 0 });
    expect(await kairos.stores.events.countsByName()).toEqual({ 'Product Viewed': 4896, 'Product Added': 50, 'Order Completed': 54 });
    expect(await kairos.stores.profiles.count()).toBe(1747);
    expect(await ingestAll(kairos, readClickstream(file))).toEqual({ accepted: 5000, duplicates: 5000, rejected: 0 });
    expect(await kairos.stores.events.count()).toBe(5000);
  });

  it('stores the Taobao sample in time order, with one profile per user', async () => {
    kairos = createTempKairos();
    const file = sample('taobao-head-20000.csv.gz');
    expect(await ingestAll(kairos, inTimeOrder(() => readClickstream(file)))).toEqual({ accepted: 20_000, duplicates: 0, rejected: 0 });
    expect(await kairos.stores.events.countsByName()).toEqual({ 'Product Viewed': 18_058, 'Product Added': 1_050, 'Product Added to Wishlist': 517, 'Order Completed': 375 });
    expect(await kairos.stores.profiles.count()).toBe(181);
  });
});
