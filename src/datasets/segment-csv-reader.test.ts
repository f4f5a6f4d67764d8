import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readSegmentCsv } from './segment-csv-reader.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('readSegmentCsv', () => {
  it('nests dotted columns, types properties and leaves empty cells out', async () => {
    const text = [
      'Type,event,userId,anonymousId,messageId,timestamp,properties.product_id,properties.price,properties.sku,properties.gift,properties.note,context.page.path,traits.phone,traits.vip,traits.zip',
      'track,Product Viewed,u1,,m-1,2024-05-01T10:00:00Z,12345,19.90,00123,false,"size 42, red",/p/12345,0612345678,true,75001',
      ',Order Completed,,a-7,,1714557600000,,,,,,,,,',
      'identify,,u2,,,,,,,,,,+33 6 12 34 56 78,,',
    ].join('\n');
    expect(await drain(readSegmentCsv(fixtures.write('events.csv', text)))).toEqual([
      {
        line: 2,
        message: {
          type: 'track',
          event: 'Product Viewed',
          userId: 'u1',
          messageId: 'm-1',
          timestamp: '2024-05-01T10:00:00Z',
          properties: { product_id: 12345, price: 19.9, sku: '00123', gift: false, note: 'size 42, red' },
          context: { page: { path: '/p/12345' } },
          traits: { phone: '0612345678', vip: true, zip: '75001' },
        },
      },
      { line: 3, message: { type: 'track', event: 'Order Completed', anonymousId: 'a-7', timestamp: 1714557600000, messageId: 'segment-csv-3' } },
      { line: 4, message: { type: 'identify', userId: 'u2', traits: { phone: '+33 6 12 34 56 78' }, messageId: 'segment-csv-4' } },
    ]);
  });

  it('keeps integers too long for a double exact, as text', async () => {
    const text = 'event,userId,properties.category_id\nA,u,2053013555631882655\n';
    const [row] = await drain(readSegmentCsv(fixtures.write('long-id.csv', text)));
    expect(row?.message?.properties).toEqual({ category_id: '2053013555631882655' });
  });

  it('gives rows without a type or event, or with the wrong cell count, an error', async () => {
    const text = 'type,event,userId\n,,u1\ntrack,A\n';
    expect(await drain(readSegmentCsv(fixtures.write('bad-rows.csv', text)))).toEqual([
      { line: 2, error: { field: 'type', problem: 'is empty and the row names no event; give a type (track, identify, page, …)' } },
      { line: 3, error: { field: 'row', problem: 'has 2 columns; the header has 3' } },
    ]);
  });

  it.each([
    ['type,event,userId,price', 'column "price" is not a Segment field; use type, event, name, category, userId, anonymousId, messageId, timestamp, originalTimestamp, sentAt, groupId, previousId, channel or properties.<name>, traits.<name>, context.<name>'],
    ['type,userId,properties.a,properties.a.b', 'columns "properties.a" and "properties.a.b" write the same field; keep one'],
    ['type,event,properties.x', 'the header has neither a "userId" nor an "anonymousId" column; every event needs one of them'],
    ['userId,properties.x', 'the header has neither a "type" nor an "event" column; a Segment events CSV starts with a header such as type,event,userId,anonymousId,messageId,timestamp,properties.product_id'],
    ['type,userId,properties.__proto__.polluted', 'column "properties.__proto__.polluted" uses the reserved name "__proto__"; rename the column'],
    ['type,userId,properties..x', 'column "properties..x" has an empty name between dots'],
  ])('refuses the header %s', async (header, problem) => {
    const file = fixtures.write('header.csv', `${header}\n`);
    await expect(drain(readSegmentCsv(file))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: `${file}: ${problem}` });
  });
});
