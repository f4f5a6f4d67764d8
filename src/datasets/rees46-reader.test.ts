import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readRees46 } from './rees46-reader.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

const HEADER = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';

describe('readRees46', () => {
  it('maps views, cart adds, removals and purchases, with the session as context.sessionId', async () => {
    const text = [
      HEADER,
      '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c',
      '2019-10-01 00:00:01 UTC,cart,17200506,2053013559792632471,furniture.living_room.sofa,,543.10,519107250,566511c2',
      '2019-10-01 00:00:02 UTC,remove_from_cart,17200506,2053013559792632471,furniture.living_room.sofa,,543.10,519107250,566511c2',
      '2019-10-01 00:00:05 UTC,purchase,1004237,2053013555631882655,electronics.smartphone,apple,1081.98,535871217,c6bd7419',
    ].join('\n');
    const rows = await drain(readRees46(fixtures.write('2019-Oct.csv.gz', text, { gzip: true })));
    expect(rows).toEqual([
      {
        line: 2,
        message: {
          type: 'track',
          event: 'Product Viewed',
          userId: '541312140',
          messageId: 'rees46-2',
          timestamp: '2019-10-01T00:00:00.000Z',
          properties: { product_id: '44600062', category: '2103807459595387724', brand: 'shiseido', price: 35.79, quantity: 1 },
          context: { channel: 'web', sessionId: '72d76fde-8bb3-4e00-8c23-a032dfed738c' },
        },
      },
      {
        line: 3,
        message: {
          type: 'track',
          event: 'Product Added',
          userId: '519107250',
          messageId: 'rees46-3',
          timestamp: '2019-10-01T00:00:01.000Z',
          properties: { product_id: '17200506', category: 'furniture.living_room.sofa', price: 543.1, quantity: 1 },
          context: { channel: 'web', sessionId: '566511c2' },
        },
      },
      {
        line: 4,
        message: {
          type: 'track',
          event: 'Product Removed',
          userId: '519107250',
          messageId: 'rees46-4',
          timestamp: '2019-10-01T00:00:02.000Z',
          properties: { product_id: '17200506', category: 'furniture.living_room.sofa', price: 543.1, quantity: 1 },
          context: { channel: 'web', sessionId: '566511c2' },
        },
      },
      {
        line: 5,
        message: {
          type: 'track',
          event: 'Order Completed',
          userId: '535871217',
          messageId: 'rees46-5',
          timestamp: '2019-10-01T00:00:05.000Z',
          properties: {
            order_id: 'c6bd7419-5',
            revenue: 1081.98,
            products: [{ product_id: '1004237', category: 'electronics.smartphone', brand: 'apple', price: 1081.98, quantity: 1 }],
          },
          context: { channel: 'web', sessionId: 'c6bd7419' },
        },
      },
    ]);
  });

  it('reads columns by their header names in any order, and leaves out a missing session', async () => {
    const text = 'user_id,event_type,event_time,product_id,price,category_id,category_code,brand,user_session\n7,view,2019-10-01 00:00:00 UTC,9,1.50,3,,,';
    const [row] = await drain(readRees46(fixtures.write('reordered.csv', text)));
    expect(row).toEqual({
      line: 2,
      message: {
        type: 'track',
        event: 'Product Viewed',
        userId: '7',
        messageId: 'rees46-2',
        timestamp: '2019-10-01T00:00:00.000Z',
        properties: { product_id: '9', category: '3', price: 1.5, quantity: 1 },
        context: { channel: 'web' },
      },
    });
  });

  it('gives each unmappable row an error with its line and field', async () => {
    const text = [
      HEADER,
      '2019-10-01 00:00:00 UTC,view,1,2,,,12.5.1,3,s',
      '2019-10-01T00:00:00Z,view,1,2,,,1,3,s',
      '2019-02-30 00:00:00 UTC,view,1,2,,,1,3,s',
      '2019-10-01 00:00:00 UTC,wishlist,1,2,,,1,3,s',
      '2019-10-01 00:00:00 UTC,view,1,2,,,1,3',
      '2019-10-01 00:00:00 UTC,view,,2,,,1,3,s',
    ].join('\n');
    const rows = await drain(readRees46(fixtures.write('bad.csv', text)));
    expect(rows).toEqual([
      { line: 2, error: { field: 'price', problem: 'is "12.5.1", not a non-negative decimal number' } },
      { line: 3, error: { field: 'event_time', problem: 'is "2019-10-01T00:00:00Z", not a time like "2019-10-01 00:00:00 UTC"' } },
      { line: 4, error: { field: 'event_time', problem: 'is "2019-02-30 00:00:00 UTC", not a time like "2019-10-01 00:00:00 UTC"' } },
      { line: 5, error: { field: 'event_type', problem: 'is "wishlist"; expected view, cart, remove_from_cart or purchase' } },
      {
        line: 6,
        error: { field: 'row', problem: 'has 8 columns; REES46 rows have 9 (event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session)' },
      },
      { line: 7, error: { field: 'product_id', problem: 'is empty' } },
    ]);
  });

  it('throws badFile when the header lacks a column', async () => {
    const file = fixtures.write('no-session.csv', 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id\n');
    await expect(drain(readRees46(file))).rejects.toMatchObject({
      code: 'KAIROS_BAD_FILE',
      message: `${file}: the header has no "user_session" column; a REES46 file starts with ${HEADER}`,
    });
  });
});
