import { describe, expect, it } from 'vitest';
import { NextItemMetricsAccumulator } from './next-item-metrics.js';

describe('NextItemMetricsAccumulator', () => {
  // Training clicks: A 1, B 2, C 3, D 4 → percentiles A 0.125, B 0.375, C 0.625, D 0.875.
  const training = new Map([
    ['A', 1],
    ['B', 2],
    ['C', 3],
    ['D', 4],
  ]);

  it('computes HR, MRR and NDCG at each cut-off by hand', () => {
    const metrics = new NextItemMetricsAccumulator([1, 3], training);
    metrics.add(['A', 'B', 'C'], 'A'); // rank 1
    metrics.add(['A', 'B', 'C'], 'C'); // rank 3
    metrics.add(['A', 'B', 'C'], 'D'); // miss
    metrics.add([], 'D'); // nothing recommended: a miss
    const [at1, at3] = metrics.result();
    expect(at1).toMatchObject({ k: 1, hitRate: 1 / 4, mrr: 1 / 4, queries: 4 });
    expect(at1!.ndcg).toBeCloseTo(1 / 4);
    expect(at3!.hitRate).toBe(2 / 4);
    expect(at3!.mrr).toBeCloseTo((1 + 1 / 3) / 4);
    expect(at3!.ndcg).toBeCloseTo((1 + 1 / Math.log2(4)) / 4);
  });

  it('measures catalogue coverage and mean popularity percentile of what was recommended', () => {
    const metrics = new NextItemMetricsAccumulator([1, 2], training);
    metrics.add(['D', 'A'], 'X');
    metrics.add(['D', 'B'], 'X');
    const [at1, at2] = metrics.result();
    expect(at1!.coverage).toBe(1 / 4);
    expect(at1!.popularityBias).toBeCloseTo(0.875);
    expect(at2!.coverage).toBe(3 / 4);
    expect(at2!.popularityBias).toBeCloseTo((0.875 + 0.125 + 0.875 + 0.375) / 4);
  });

  it('counts tied popularity half below', () => {
    const metrics = new NextItemMetricsAccumulator([1], new Map([['A', 5], ['B', 5]]));
    metrics.add(['A'], 'B');
    expect(metrics.result()[0]!.popularityBias).toBeCloseTo(0.5);
  });
});
