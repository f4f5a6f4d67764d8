import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readProductFile } from '../catalog/product-file-reader.js';
import { normalizeMessage } from '../ingestion/normalize-message.js';
import { drain } from '../test-support/fixture-files.js';
import { readClickstream } from './read-clickstream.js';
import { isTimeOrdered } from './time-order.js';

/** The committed samples are what the demo and the docs rely on; these pin what they contain. */
const sample = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));

describe('samples', () => {
  it('rees46-head-5000 holds the first 5,000 REES46 rows, in time order, all mappable', async () => {
    const rows = await drain(readClickstream(sample('rees46-head-5000.csv.gz')));
    expect(rows.length).toBe(5000);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows[0]?.message?.messageId).toBe('rees46-2');
    expect(rows.at(-1)?.message).toMatchObject({ messageId: 'rees46-5001', timestamp: '2019-10-01T02:28:14.000Z' });
    const counts = new Map<unknown, number>();
    for (const row of rows) counts.set(row.message?.event, (counts.get(row.message?.event) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'Product Viewed': 4896, 'Product Added': 50, 'Order Completed': 54 });
    expect(await isTimeOrdered(readClickstream(sample('rees46-head-5000.csv.gz')))).toBe(true);
  });

  it('taobao-head-20000 holds the first 20,000 Taobao rows, grouped by user rather than by time', async () => {
    const rows = await drain(readClickstream(sample('taobao-head-20000.csv.gz')));
    expect(rows.length).toBe(20_000);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows[0]?.message?.timestamp).toBe('2017-11-24T17:21:10.000Z');
    expect(new Set(rows.map((row) => row.message?.userId)).size).toBe(181);
    expect(await isTimeOrdered(readClickstream(sample('taobao-head-20000.csv.gz')))).toBe(false);
  });

  it('maps every sample row to a message the ingestion API accepts', async () => {
    const receivedAt = Date.parse('2020-01-01T00:00:00Z');
    for (const name of ['rees46-head-5000.csv.gz', 'taobao-head-20000.csv.gz']) {
      const refused = [];
      for await (const row of readClickstream(sample(name))) {
        const result = normalizeMessage(row.message, { receivedAt });
        if (!result.ok) refused.push({ line: row.line, errors: result.errors });
      }
      expect(refused).toEqual([]);
    }
  });

  it('catalog-rees46 has one valid catalog product per REES46 product, named from its data', async () => {
    const rows = await drain(readProductFile(sample('catalog-rees46.jsonl.gz')));
    expect(rows.length).toBe(6493);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows[1]?.product).toEqual({
      id: '3900821',
      name: 'aqua water_heater 3900821',
      categoryPath: ['appliances', 'environment', 'water_heater'],
      brand: 'aqua',
      price: 33.2,
      currency: 'USD',
      inventory: null,
      attributes: { rees46CategoryId: '2053013552326770905' },
      imageUrl: null,
    });
  });
});
