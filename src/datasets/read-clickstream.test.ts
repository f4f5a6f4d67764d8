import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readClickstream } from './read-clickstream.js';
import { readEventsFile } from './read-events-file.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('readClickstream', () => {
  it('dispatches on the detected format', async () => {
    const taobao = fixtures.write('tb.csv.gz', '1,2268318,2520377,pv,1511544070\n', { gzip: true });
    const rows = await drain(readClickstream(taobao));
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
    ]);
  });

  it('reads with the format it is given, and the messageId prefix', async () => {
    const jsonl = fixtures.write('events.jsonl', '{"type":"track","event":"A","userId":"u"}\n');
    expect(await drain(readClickstream(jsonl, 'segment-jsonl', { messageIdPrefix: 'import-7' }))).toEqual([
      { line: 1, message: { type: 'track', event: 'A', userId: 'u', messageId: 'import-7-1' } },
    ]);
    const taobao = fixtures.write('forced.csv', '1,2268318,2520377,pv,1511544070\n');
    await expect(drain(readClickstream(taobao, 'rees46'))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringContaining('the header has no "event_time" column') });
  });
});

describe('readEventsFile', () => {
  it('reads Segment JSONL and CSV', async () => {
    const jsonl = fixtures.write('e.jsonl', '{"type":"track","event":"A","userId":"u","messageId":"m"}\n');
    const csv = fixtures.write('e.csv', 'event,userId,messageId\nA,u,m\n');
    expect(await drain(readEventsFile(jsonl))).toEqual([{ line: 1, message: { type: 'track', event: 'A', userId: 'u', messageId: 'm' } }]);
    expect(await drain(readEventsFile(csv))).toEqual([{ line: 2, message: { type: 'track', event: 'A', userId: 'u', messageId: 'm' } }]);
  });

  it('refuses a data set clickstream, pointing to the replay', async () => {
    const rees46 = fixtures.write('oct.csv', 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n');
    await expect(drain(readEventsFile(rees46))).rejects.toMatchObject({
      code: 'KAIROS_BAD_FILE',
      message: `${rees46}: is a REES46 clickstream, not Segment events; replay it (kairos replay) to map it to events`,
    });
  });

  it('explains a CSV without Segment columns', async () => {
    const orders = fixtures.write('orders.csv', 'order_id,total\n1,9.99\n');
    await expect(drain(readEventsFile(orders))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringContaining('column "order_id" is not a Segment field') });
  });
});
