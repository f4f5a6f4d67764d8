import { describe, expect, it } from 'vitest';
import { enginePriors } from './engine-prior.js';

describe('enginePriors', () => {
  it('takes each score over the best when every result has a non-negative score', () => {
    expect(enginePriors([{ score: 3 }, { score: 2.9 }, { score: 0 }])).toEqual([1, 2.9 / 3, 0]);
  });

  it('falls back to the reciprocal rank when a score is missing or negative, or all are 0', () => {
    const byRank = [1, 1 / 1.1, 1 / 1.2];
    expect(enginePriors([{ score: 3 }, {}, { score: 1 }])).toEqual(byRank);
    expect(enginePriors([{ score: -1 }, { score: -2 }, { score: -3 }])).toEqual(byRank);
    expect(enginePriors([{ score: 0 }, { score: 0 }, { score: 0 }])).toEqual(byRank);
  });
});
