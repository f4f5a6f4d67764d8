import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventQueue, type BatchTransport, type SendOutcome } from './event-queue.js';
import type { SegmentMessage } from './messages.js';

/** A transport that records bodies and answers from a script of outcomes ('sent' once the script runs out). */
function fakeTransport(outcomes: SendOutcome[] = []) {
  const sent: Array<{ messageIds: string[]; writeKey: string }> = [];
  const beacons: string[][] = [];
  const ids = (body: string) => (JSON.parse(body) as { batch: SegmentMessage[] }).batch.map((message) => message.messageId);
  const transport: BatchTransport = {
    async send(body) {
      sent.push({ messageIds: ids(body), writeKey: (JSON.parse(body) as { writeKey: string }).writeKey });
      return outcomes.shift() ?? 'sent';
    },
    beacon: (body) => void beacons.push(ids(body)),
  };
  return { transport, sent, beacons };
}

const message = (messageId: string) => ({ type: 'track', event: 'x', properties: {}, messageId, anonymousId: 'a', timestamp: '' }) as unknown as SegmentMessage;

describe('EventQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends what was queued together after the flush interval', async () => {
    const { transport, sent } = fakeTransport();
    const queue = new EventQueue({ transport, writeKey: 'wk', flushIntervalMs: 1000 });
    queue.enqueue(message('1'));
    queue.enqueue(message('2'));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ messageIds: ['1', '2'], writeKey: 'wk' }]);
    expect(queue.size).toBe(0);
  });

  it('sends at once when a full batch is waiting, and at most maxBatchSize per request', async () => {
    const { transport, sent } = fakeTransport();
    const queue = new EventQueue({ transport, writeKey: 'wk', maxBatchSize: 2 });
    for (const id of ['1', '2']) queue.enqueue(message(id));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((batch) => batch.messageIds)).toEqual([['1', '2']]);
    for (const id of ['3', '4', '5']) queue.enqueue(message(id));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((batch) => batch.messageIds)).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('retries a failed batch with exponential backoff, ahead of what came after, and reports each accepted batch', async () => {
    const { transport, sent } = fakeTransport(['retry', 'retry']);
    let accepted = 0;
    const queue = new EventQueue({ transport, writeKey: 'wk', retryBaseMs: 100, onSent: () => accepted++ });
    queue.enqueue(message('1'));
    await queue.flush();
    queue.enqueue(message('2'));
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // first retry after 100 ms
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // second retry after 200 ms
    expect(sent.map((batch) => batch.messageIds)).toEqual([['1'], ['1', '2'], ['1', '2']]);
    expect(accepted).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('drops a batch after maxAttempts, and one the server refused at once', async () => {
    const { transport, sent } = fakeTransport(['retry', 'retry', 'rejected']);
    const queue = new EventQueue({ transport, writeKey: 'wk', maxAttempts: 2, retryBaseMs: 10 });
    queue.enqueue(message('1'));
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(2);
    expect(queue.size).toBe(0);
    queue.enqueue(message('2'));
    await queue.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.map((batch) => batch.messageIds)).toEqual([['1'], ['1'], ['2']]);
  });

  it('hands everything waiting to the beacon, in batches, and cancels the timer', async () => {
    const { transport, sent, beacons } = fakeTransport();
    const queue = new EventQueue({ transport, writeKey: 'wk', maxBatchSize: 2 });
    queue.enqueue(message('1'));
    queue.flushByBeacon();
    expect(beacons).toEqual([['1']]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toEqual([]);
  });
});
