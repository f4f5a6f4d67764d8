import { describe, expect, it } from 'vitest';
import { pipelineOnSqlite, view } from '../test-support/pipeline-on-sqlite.js';

const views = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => view(`${prefix}${i}`, `p${i}`));

describe('IngestionPipeline isolation', () => {
  it('fails only the request whose events break the shared transaction; the others are stored', async () => {
    const { pipeline, events, identities } = pipelineOnSqlite({ poison: 'poison' });
    // Submitted in the same turn, so they share one batch.
    const results = await Promise.allSettled([pipeline.submit([view('a', 'p1')]), pipeline.submit([view('b', 'poison')]), pipeline.submit([view('c', 'p2')])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await events.knownMessageIds(['a', 'b', 'c'])).toEqual(new Set(['a', 'c']));
    // The failed request's identity and profile were rolled back with it and can be sent again.
    expect((await identities.lookup(['anonymousId:visitor-b'])).size).toBe(0);
    await pipeline.close();
  });
});

describe('IngestionPipeline slices', () => {
  it('commits a request larger than a slice over several transactions, letting the event loop run between them', async () => {
    const slices: number[] = [];
    const { pipeline, events, transactions } = pipelineOnSqlite({ sliceMs: 1, onSlice: (count, seconds) => slices.push(seconds > 0 ? count : Number.NaN) });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const result = await pipeline.submit(views('big', 400));
    clearInterval(ticker);
    expect(result).toEqual({ stored: 400, duplicates: 0 });
    expect(transactions()).toBeGreaterThan(1);
    expect(turns).toBeGreaterThan(0);
    expect((await events.knownMessageIds(views('big', 400).map((event) => event.messageId))).size).toBe(400);
    // Each transaction is reported with its events and a duration, for /metrics.
    expect(slices).toHaveLength(transactions());
    await pipeline.close();
    expect(slices.reduce((sum, count) => sum + count, 0)).toBe(400);
  });

  it('stretches its slices while a backlog waits, so the fixed cost of each transaction cannot keep it behind', async () => {
    const { pipeline, transactions } = pipelineOnSqlite({ sliceMs: 1 });
    const requests = Array.from({ length: 40 }, (_, r) => pipeline.submit(views(`q${r}-`, 100)));
    expect(await Promise.all(requests)).toEqual(Array.from({ length: 40 }, () => ({ stored: 100, duplicates: 0 })));
    // 1 ms slices alone (at least 8 events each) would take hundreds of transactions for 4,000 events.
    expect(transactions()).toBeLessThan(60);
    await pipeline.close();
  });

  it('keeps the slices of one large request short: its own waiting events are not a backlog', async () => {
    const slices: number[] = [];
    const { pipeline } = pipelineOnSqlite({ sliceMs: 1, onSlice: (count) => slices.push(count) });
    expect(await pipeline.submit(views('alone', 3000))).toEqual({ stored: 3000, duplicates: 0 });
    await pipeline.close();
    // Slices follow the measured cost per event, which settles as the code warms up; stretched ones
    // (doubling up to 32×) would end tens of times larger than the typical slice.
    const sorted = [...slices].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(slices.length).toBeGreaterThan(10);
    expect(Math.max(...slices.slice(3))).toBeLessThanOrEqual(6 * median);
  });

  it('gathers single events that keep coming into shared transactions, and takes one after a quiet spell at once', async () => {
    // Slices of a minute: gathering waits up to half of one, so only the rules below can end it in time.
    const { pipeline, transactions } = pipelineOnSqlite({ sliceMs: 60_000 });
    expect(await pipeline.submit([view('first', 'p1')])).toEqual({ stored: 1, duplicates: 0 });
    expect(transactions()).toBe(1);
    // Right after a slice, each in a turn of its own: the writer waits until eight are waiting.
    const gathered: Array<Promise<unknown>> = [];
    for (let i = 0; i < 8; i++) {
      gathered.push(pipeline.submit([view(`g${i}`, 'p1')]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(gathered);
    expect(transactions()).toBe(2);
    await pipeline.close();
  });

  it('commits a lone event that arrives right after a slice once the gathering time is over', async () => {
    const { pipeline, transactions } = pipelineOnSqlite({ sliceMs: 20 });
    await pipeline.submit([view('first', 'p1')]);
    expect(await pipeline.submit([view('second', 'p1')])).toEqual({ stored: 1, duplicates: 0 });
    expect(transactions()).toBe(2);
    await pipeline.close();
  });

  it('does not keep a gathering writer waiting when it is closed', async () => {
    const { pipeline, events } = pipelineOnSqlite({ sliceMs: 60_000 });
    await pipeline.submit([view('first', 'p1')]);
    const late = pipeline.submit([view('late', 'p1')]);
    await new Promise((resolve) => setImmediate(resolve));
    await pipeline.close();
    expect(await late).toEqual({ stored: 1, duplicates: 0 });
    expect(await events.knownMessageIds(['late'])).toEqual(new Set(['late']));
  });

  it('answers requests in the order they came, each once, with its own counts', async () => {
    const { pipeline } = pipelineOnSqlite({ sliceMs: 1 });
    const answered: string[] = [];
    const first = pipeline.submit(views('x', 300)).then((result) => (answered.push('x'), result));
    const second = pipeline.submit([...views('y', 2), view('x0', 'p0')]).then((result) => (answered.push('y'), result));
    expect(await first).toEqual({ stored: 300, duplicates: 0 });
    expect(await second).toEqual({ stored: 2, duplicates: 1 });
    expect(answered).toEqual(['x', 'y']);
    await pipeline.close();
  });

  it('rejects a request whose later slice fails, keeps what it committed, and a retry stores only the rest', async () => {
    const { pipeline, events } = pipelineOnSqlite({ sliceMs: 1, poison: 'p299' });
    const request = views('r', 300);
    const other = pipeline.submit([view('after', 'p1')]);
    await expect(pipeline.submit(request)).rejects.toThrow('cannot store this product');
    await expect(other).resolves.toEqual({ stored: 1, duplicates: 0 });
    const committed = (await events.knownMessageIds(request.map((event) => event.messageId))).size;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(300);

    const retry = request.slice(0, 299).map((event) => view(event.messageId, String(event.properties.product_id)));
    expect(await pipeline.submit(retry)).toEqual({ stored: 299 - committed, duplicates: committed });
    await pipeline.close();
  });
});
