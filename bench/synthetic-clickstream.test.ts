import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTempKairos } from '../src/test-support/temp-kairos.js';
import { normalizeMessage } from '../src/ingestion/normalize-message.js';
import type { SegmentMessage } from '../src/datasets/segment-message.js';
import { countSyntheticClickstream, productOf, syntheticClickstream, type SyntheticClickstreamCounts, type SyntheticClickstreamOptions } from './synthetic-clickstream.js';
import { mean, SESSION_LENGTH_COUNTS, tiltToMean } from './synthetic-clickstream-model.js';
import { AliasSampler, createRandom } from './synthetic-clickstream-random.js';
import { Schedule } from './synthetic-clickstream-schedule.js';

const SMALL: SyntheticClickstreamOptions = { seed: 1, events: 20_000, visitors: 9_000, products: 5_000 };

function run(options: SyntheticClickstreamOptions): { messages: SegmentMessage[]; counts: SyntheticClickstreamCounts } {
  const messages: SegmentMessage[] = [];
  const stream = syntheticClickstream(options);
  for (;;) {
    const next = stream.next();
    if (next.done) return { messages, counts: next.value };
    messages.push(next.value);
  }
}

function digest(messages: SegmentMessage[]): string {
  const hash = createHash('sha256');
  for (const message of messages) hash.update(JSON.stringify(message));
  return hash.digest('hex');
}

describe('syntheticClickstream', () => {
  const { messages, counts } = run(SMALL);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(digest(run(SMALL).messages)).toBe(digest(messages));
    expect(digest(run({ ...SMALL, seed: 2 }).messages)).not.toBe(digest(messages));
  });

  it('reports exactly what it yields, and counts the same without building messages', () => {
    const byEvent: Record<string, number> = {};
    for (const message of messages) {
      const name = message.type === 'identify' ? 'identify' : (message.event as string);
      byEvent[name] = (byEvent[name] ?? 0) + 1;
    }
    const distinct = (pick: (message: SegmentMessage) => unknown) => new Set(messages.map(pick).filter((value) => value !== undefined)).size;
    expect(counts).toEqual({
      messages: messages.length,
      byEvent,
      visitors: distinct((message) => message.anonymousId),
      profilesExpected: distinct((message) => message.anonymousId),
      loggedInVisitors: distinct((message) => message.userId),
      sessions: distinct((message) => (message.context as { sessionId: string }).sessionId),
      distinctProducts: distinct((message) => (message.properties as { product_id?: string } | undefined)?.product_id ?? (message.properties as { products?: Array<{ product_id: string }> } | undefined)?.products?.[0]?.product_id),
      firstTimestamp: messages[0]?.timestamp,
      lastTimestamp: messages.at(-1)?.timestamp,
    });
    expect(countSyntheticClickstream(SMALL)).toEqual(counts);
  });

  it('pins the counts of a small run, so a change to the model shows', () => {
    expect(counts).toEqual({
      messages: 19_924,
      byEvent: { 'Product Viewed': 19_030, 'Product Added': 183, 'Order Completed': 220, identify: 491 },
      visitors: 9_000,
      profilesExpected: 9_000,
      loggedInVisitors: 491,
      sessions: 10_154,
      distinctProducts: 4_405,
      firstTimestamp: '2019-10-01T00:00:01.413Z',
      lastTimestamp: '2019-10-02T01:28:35.800Z',
    });
  });

  it('yields messages in time order with unique ids, each one valid for the ingestion API', () => {
    const times = messages.map((message) => Date.parse(message.timestamp as string));
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(true);
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(messages.length);
    const invalid = messages.filter((message) => !normalizeMessage(message, { receivedAt: Date.parse('2019-10-03T00:00:00Z') }).ok);
    expect(invalid).toEqual([]);
  });

  it('identifies a visitor before any event carries their userId', () => {
    const identified = new Set<unknown>();
    for (const message of messages) {
      if (message.type === 'identify') {
        expect(message).toMatchObject({ userId: expect.any(String), anonymousId: expect.any(String), traits: { email: expect.stringMatching(/@example\.com$/) } });
        identified.add(message.userId);
      } else if (message.userId !== undefined) {
        expect(identified.has(message.userId)).toBe(true);
      }
    }
    expect(identified.size).toBe(counts.loggedInVisitors);
  });

  it('shapes purchases like the REES46 mapping', () => {
    const order = messages.find((message) => message.event === 'Order Completed');
    const properties = order?.properties as { order_id: string; revenue: number; products: Array<{ price: number }> };
    expect(properties.order_id).toMatch(/^syn1-o\d+$/);
    expect(properties.products).toHaveLength(1);
    expect(properties.revenue).toBe(properties.products[0]?.price);
    expect(productOf(0)).toEqual(productOf(0));
    expect(productOf(0).product_id).toBe('sku-1');
  });

  it('generates lazily: the first messages of the full benchmark size come at once', () => {
    const started = performance.now();
    const stream = syntheticClickstream({ seed: 1 });
    for (let i = 0; i < 10; i++) stream.next();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('the counts against a real store', () => {
  it('are what Kairos stores after ingesting the stream', async () => {
    const options = { seed: 5, events: 4_000, visitors: 1_800, products: 2_000 };
    const expected = countSyntheticClickstream(options);
    const kairos = createTempKairos();
    try {
      const stream = syntheticClickstream(options);
      let batch: SegmentMessage[] = [];
      for (let next = stream.next(); ; next = stream.next()) {
        if (!next.done) batch.push(next.value);
        if (batch.length === 500 || (next.done && batch.length > 0)) {
          expect((await kairos.ingestion.ingest(batch)).rejectedMessages).toBe(0);
          batch = [];
        }
        if (next.done) break;
      }
      expect(await kairos.stores.events.count()).toBe(expected.messages);
      expect(await kairos.stores.events.countsByName()).toEqual(expected.byEvent);
      expect(await kairos.stores.profiles.count()).toBe(expected.profilesExpected);
    } finally {
      await kairos.dispose();
    }
  });
});

describe('model and randomness', () => {
  it('tilts the session lengths to the mean asked for, and refuses an impossible one', () => {
    expect(mean(SESSION_LENGTH_COUNTS)).toBeCloseTo(3.4407, 4);
    expect(mean(tiltToMean(SESSION_LENGTH_COUNTS, 1.854))).toBeCloseTo(1.854, 6);
    expect(() => tiltToMean(SESSION_LENGTH_COUNTS, 0.9)).toThrow(RangeError);
  });

  it('samples by weight (alias method) from a seeded generator', () => {
    const random = createRandom(42);
    const sampler = new AliasSampler([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.sample(random)]! += 1;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / 40_000).toBeCloseTo(0.75, 1);
    expect(createRandom(7).next()).toBe(createRandom(7).next());
  });

  it('schedules earliest first, ties in order of arrival', () => {
    const schedule = new Schedule<{ time: number; order: number }>();
    const random = createRandom(3);
    const items = Array.from({ length: 500 }, (_, order) => ({ time: Math.floor(random.next() * 50), order }));
    for (const item of items) schedule.push(item);
    const popped = Array.from({ length: 500 }, () => schedule.pop());
    expect(popped).toEqual([...items].sort((a, b) => a.time - b.time || a.order - b.order));
    expect(schedule.pop()).toBeUndefined();
  });
});
