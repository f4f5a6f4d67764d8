import { describe, expect, it } from 'vitest';
import { drain } from '../test-support/fixture-files.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';
import { inTimeOrder, isTimeOrdered, messageTime, sortByTimestamp } from './time-order.js';

async function* rowsOf(rows: ReadRow<SegmentMessage>[]): AsyncGenerator<ReadRow<SegmentMessage>> {
  yield* rows;
}

const at = (line: number, timestamp: unknown): ReadRow<SegmentMessage> => ({ line, message: { type: 'track', event: 'E', userId: 'u', messageId: `m-${line}`, timestamp } });
const broken: ReadRow<SegmentMessage> = { line: 3, error: { field: 'timestamp', problem: 'is "x", not unix seconds' } };

describe('time order', () => {
  it('reads ISO-8601 and epoch-millisecond times, and puts messages without one last', () => {
    expect(messageTime({ timestamp: '2017-11-24T17:21:10.000Z' })).toBe(1511544070000);
    expect(messageTime({ timestamp: 1511544070000 })).toBe(1511544070000);
    expect(messageTime({ originalTimestamp: '2017-11-24T17:21:10Z' })).toBe(1511544070000);
    expect(messageTime({ timestamp: 'soon' })).toBe(Number.POSITIVE_INFINITY);
  });

  it('tells ordered rows (ties allowed, error rows ignored) from rows grouped by user', async () => {
    expect(await isTimeOrdered(rowsOf([at(1, '2019-10-01T00:00:00Z'), at(2, '2019-10-01T00:00:00Z'), broken, at(4, 1569888001000)]))).toBe(true);
    expect(await isTimeOrdered(rowsOf([at(1, '2017-11-25T00:00:00Z'), at(2, '2017-11-24T00:00:00Z')]))).toBe(false);
  });

  it('sorts messages by time, ties in file order, after the error rows it met', async () => {
    const rows = [at(1, '2017-11-25T10:00:00Z'), at(2, '2017-11-24T10:00:00Z'), broken, at(4, '2017-11-25T10:00:00Z'), at(5, undefined), at(6, '2017-11-24T09:00:00Z')];
    const sorted = await drain(sortByTimestamp(rowsOf(rows)));
    expect(sorted.map((row) => row.line)).toEqual([3, 6, 2, 1, 4, 5]);
    expect(sorted[1]).toEqual(at(6, '2017-11-24T09:00:00Z'));
  });

  it('refuses to sort more rows than its cap, suggesting a sorted file', async () => {
    const rows = [at(1, '2017-11-25T10:00:00Z'), at(2, '2017-11-24T10:00:00Z'), at(3, '2017-11-23T10:00:00Z')];
    await expect(drain(sortByTimestamp(rowsOf(rows), { source: 'UserBehavior.csv', maxRows: 2 }))).rejects.toMatchObject({
      code: 'KAIROS_BAD_FILE',
      message:
        'UserBehavior.csv: is not in time order and has more than 2 events, too many to sort in memory; sort it by time first and replay the sorted file ' +
        '(for Taobao UserBehavior: sort -s -t, -k5,5n UserBehavior.csv > sorted.csv)',
    });
  });

  it('streams an ordered file as it is, beyond the sorting cap, and sorts one that is not', async () => {
    const ordered = [at(1, '2019-10-01T00:00:00Z'), at(2, '2019-10-01T00:00:01Z'), at(3, '2019-10-01T00:00:02Z')];
    expect((await drain(inTimeOrder(() => rowsOf(ordered), { maxRows: 1 }))).map((row) => row.line)).toEqual([1, 2, 3]);
    const grouped = [at(1, '2017-11-25T00:00:00Z'), at(2, '2017-11-24T00:00:00Z')];
    expect((await drain(inTimeOrder(() => rowsOf(grouped)))).map((row) => row.line)).toEqual([2, 1]);
    await expect(drain(inTimeOrder(() => rowsOf(grouped), { maxRows: 1 }))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE' });
  });
});
