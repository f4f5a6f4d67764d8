import { describe, expect, it } from 'vitest';
import { QuantileBins } from './quantile-bins.js';

describe('QuantileBins', () => {
  it('cuts each column at its quantiles, one cut per repeated value, none at the maximum', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, i < 90 ? 0 : 1]);
    const bins = QuantileBins.fit(rows, 2, 4);
    expect([...bins.cuts[0]!]).toEqual([25, 50, 75]);
    expect([...bins.cuts[1]!]).toEqual([0]);
    expect([bins.binOf(0, -5), bins.binOf(0, 25), bins.binOf(0, 26), bins.binOf(0, 1000)]).toEqual([0, 0, 1, 3]);
  });

  it('bins every row column by column', () => {
    const bins = QuantileBins.fit([[0], [1], [2], [3]], 1, 2);
    expect([...bins.binAll([[0], [3]])]).toEqual([0, 1]);
  });

  it('refuses a bin count it cannot store', () => {
    expect(() => QuantileBins.fit([[0]], 1, 300)).toThrow(/maxBins is 300/);
  });
});
