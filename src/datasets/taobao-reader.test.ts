import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readTaobao } from './taobao-reader.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

const GOOD = ['1,2268318,2520377,pv,1511544070', '1,2333346,2520771,cart,1511561733', '1,2576651,149192,fav,1511572885', '1,3830808,4181361,buy,1511593493'].join('\n');

describe('readTaobao', () => {
  it('maps pv, cart, fav and buy to e-commerce spec events with deterministic ids', async () => {
    const rows = await drain(readTaobao(fixtures.write('UserBehavior.csv.gz', `${GOOD}\n`, { gzip: true })));
    expect(rows).toEqual([
      {
        line: 1,
        message: {
          type: 'track',
          event: 'Product Viewed',
          userId: '1',
          messageId: 'taobao-1',
          timestamp: '2017-11-24T17:21:10.000Z',
          properties: { product_id: '2268318', category: '2520377' },
          context: { channel: 'web' },
        },
      },
      {
        line: 2,
        message: {
          type: 'track',
          event: 'Product Added',
          userId: '1',
          messageId: 'taobao-2',
          timestamp: '2017-11-24T22:15:33.000Z',
          properties: { product_id: '2333346', category: '2520771', quantity: 1 },
          context: { channel: 'web' },
        },
      },
      {
        line: 3,
        message: {
          type: 'track',
          event: 'Product Added to Wishlist',
          userId: '1',
          messageId: 'taobao-3',
          timestamp: '2017-11-25T01:21:25.000Z',
          properties: { product_id: '2576651', category: '149192' },
          context: { channel: 'web' },
        },
      },
      {
        line: 4,
        message: {
          type: 'track',
          event: 'Order Completed',
          userId: '1',
          messageId: 'taobao-4',
          timestamp: '2017-11-25T07:04:53.000Z',
          properties: { order_id: 'taobao-4', products: [{ product_id: '3830808', category: '4181361', quantity: 1 }] },
          context: { channel: 'web' },
        },
      },
    ]);
  });

  it('gives each unmappable row an error with its line and field, and goes on', async () => {
    const text = ['1,2,3,pv', '1,2,3,like,1511544070', '1,2,3,pv,yesterday', ',2,3,pv,1511544070', '', '7,8,9,pv,1511544070'].join('\n');
    const rows = await drain(readTaobao(fixtures.write('bad.csv', text)));
    expect(rows).toEqual([
      { line: 1, error: { field: 'row', problem: 'has 4 columns; Taobao UserBehavior rows have 5 (user_id,item_id,category_id,behavior_type,timestamp)' } },
      { line: 2, error: { field: 'behavior_type', problem: 'is "like"; expected pv, cart, fav or buy' } },
      { line: 3, error: { field: 'timestamp', problem: 'is "yesterday", not unix seconds' } },
      { line: 4, error: { field: 'user_id', problem: 'is empty' } },
      { line: 6, message: expect.objectContaining({ userId: '7', messageId: 'taobao-6' }) },
    ]);
  });

  it('uses the given messageId prefix, for a second file of the same format', async () => {
    const [row] = await drain(readTaobao(fixtures.write('second.csv', GOOD), { messageIdPrefix: 'taobao-dec' }));
    expect(row?.message?.messageId).toBe('taobao-dec-1');
  });
});
