import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readRetailRocket } from './retailrocket-reader.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('readRetailRocket', () => {
  it('maps view, addtocart and transaction rows for anonymous visitors', async () => {
    const text = [
      'timestamp,visitorid,event,itemid,transactionid',
      '1433221332117,257597,view,355908,',
      '1433224214164,992329,addtocart,248676,',
      '1433193500981,599528,transaction,356475,4000',
    ].join('\n');
    const rows = await drain(readRetailRocket(fixtures.write('events.csv', text)));
    expect(rows).toEqual([
      {
        line: 2,
        message: {
          type: 'track',
          event: 'Product Viewed',
          anonymousId: '257597',
          messageId: 'retailrocket-2',
          timestamp: '2015-06-02T05:02:12.117Z',
          properties: { product_id: '355908' },
          context: { channel: 'web' },
        },
      },
      {
        line: 3,
        message: {
          type: 'track',
          event: 'Product Added',
          anonymousId: '992329',
          messageId: 'retailrocket-3',
          timestamp: '2015-06-02T05:50:14.164Z',
          properties: { product_id: '248676', quantity: 1 },
          context: { channel: 'web' },
        },
      },
      {
        line: 4,
        message: {
          type: 'track',
          event: 'Order Completed',
          anonymousId: '599528',
          messageId: 'retailrocket-4',
          timestamp: '2015-06-01T21:18:20.981Z',
          properties: { order_id: '4000', products: [{ product_id: '356475', quantity: 1 }] },
          context: { channel: 'web' },
        },
      },
    ]);
  });

  it('gives each unmappable row an error with its line and field', async () => {
    const text = ['timestamp,visitorid,event,itemid,transactionid', '1433193500981,599528,transaction,356475,', '14331935.5,1,view,2,', '1433193500981,1,click,2,'].join('\n');
    expect(await drain(readRetailRocket(fixtures.write('bad.csv', text)))).toEqual([
      { line: 2, error: { field: 'transactionid', problem: 'is empty; a transaction row needs its transaction id' } },
      { line: 3, error: { field: 'timestamp', problem: 'is "14331935.5", not epoch milliseconds' } },
      { line: 4, error: { field: 'event', problem: 'is "click"; expected view, addtocart or transaction' } },
    ]);
  });
});
