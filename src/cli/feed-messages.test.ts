import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadRow, SegmentMessage } from '../datasets/segment-message.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';
import { feedMessages } from './feed-messages.js';
import { RowTally } from './row-tally.js';

let kairos: TempKairos;
beforeEach(() => {
  kairos = createTempKairos();
});
afterEach(async () => {
  await kairos.dispose();
});

async function* rows(list: Array<ReadRow<SegmentMessage>>) {
  yield* list;
}

const view = (line: number, second: number): ReadRow<SegmentMessage> => ({
  line,
  message: { type: 'track', event: 'Product Viewed', userId: 'u', messageId: `r-${line}`, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString() },
});

describe('feedMessages', () => {
  it('paces a replay by event time divided by the speed-up', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const tally = new RowTally();
    await feedMessages(rows([view(1, 0), view(2, 10), view(3, 10), view(4, 40)]), kairos.ingestion, tally, {
      speedup: 10,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    // 10 s and 30 s of event time at 10× are 1 s and 3 s of wall time.
    expect(sleeps).toEqual([1000, 3000]);
    expect(tally.accepted).toBe(4);
  });

  it('tallies unreadable rows and refused messages with their lines', async () => {
    const tally = new RowTally();
    await feedMessages(
      rows([view(1, 0), { line: 2, error: { field: 'price', problem: 'is not a number' } }, { line: 3, message: { type: 'track', userId: 'u' } }, view(4, 1)]),
      kairos.ingestion,
      tally,
      { batchSize: 2 },
    );
    expect({ rows: tally.rows, accepted: tally.accepted, rejected: tally.rejected }).toEqual({ rows: 4, accepted: 2, rejected: 2 });
    expect(tally.summary('test')).toContain('1 × price: is not a number (line 2)');
    expect(tally.summary('test')).toContain('1 × event: Expected required property (line 3)');
  });
});
