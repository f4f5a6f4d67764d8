import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectClickstreamFormat } from './clickstream-format.js';
import { createFixtureDir } from '../test-support/fixture-files.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('detectClickstreamFormat', () => {
  it.each([
    ['taobao', '1,2268318,2520377,pv,1511544070\n'],
    ['rees46', 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n'],
    ['retailrocket', 'timestamp,visitorid,event,itemid,transactionid\n'],
    ['segment-jsonl', '\n{"type":"track","event":"Product Viewed","userId":"1"}\n'],
    ['segment-csv', 'type,event,userId,timestamp,properties.product_id\n'],
  ] as const)('tells %s from its first line, gzipped or not', async (format, text) => {
    expect(await detectClickstreamFormat(fixtures.write(`${format}.txt`, text))).toBe(format);
    expect(await detectClickstreamFormat(fixtures.write(`${format}.gz`, text, { gzip: true }))).toBe(format);
  });

  it('says what it expected when the format is unknown', async () => {
    const file = fixtures.write('orders.csv', 'order_id,total\n1,9.99\n');
    await expect(detectClickstreamFormat(file)).rejects.toMatchObject({
      code: 'KAIROS_BAD_FILE',
      message:
        `${file}: is not a clickstream Kairos can read. Expected Taobao UserBehavior rows without a header ` +
        '(user_id,item_id,category_id,behavior_type,timestamp with behaviour pv, cart, fav or buy), a REES46 header ' +
        '(event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session), a RetailRocket ' +
        'header (timestamp,visitorid,event,itemid,transactionid), a Segment CSV header (type,event,userId,anonymousId,…) ' +
        'or Segment JSONL (one JSON object per line). Its first line is: "order_id,total"',
    });
  });

  it('refuses a Taobao-like row with another behaviour, an empty file and a binary one', async () => {
    await expect(detectClickstreamFormat(fixtures.write('like.csv', '1,2,3,like,1511544070\n'))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE' });
    const empty = fixtures.write('empty.csv', '\n\n');
    await expect(detectClickstreamFormat(empty)).rejects.toMatchObject({ message: `${empty}: is empty` });
    const binary = fixtures.path('image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0a]));
    await expect(detectClickstreamFormat(binary)).rejects.toMatchObject({ message: `${binary}: is binary, not a text file (CSV or JSONL, optionally gzipped)` });
  });
});
