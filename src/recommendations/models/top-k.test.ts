import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { topIndices } from './top-k.js';

describe('topIndices', () => {
  it('returns the k highest positive scores, best first, the earlier of equal ones first', () => {
    const scores = [3, 0, 7, 7, -1, 5, 1];
    expect(topIndices(scores.length, 3, (i) => scores[i]!)).toEqual([2, 3, 5]);
    expect(topIndices(scores.length, 10, (i) => scores[i]!)).toEqual([2, 3, 5, 0, 6]);
    expect(topIndices(scores.length, 0, (i) => scores[i]!)).toEqual([]);
  });

  it('ranks only the listed candidates when given a list, ties going to the earlier in the list', () => {
    const scores = [3, 0, 7, 7, -1, 5, 1];
    expect(topIndices(Int32Array.of(6, 3, 0, 2), 3, (i) => scores[i]!)).toEqual([3, 2, 0]);
    expect(topIndices(Int32Array.of(1, 4), 3, (i) => scores[i]!)).toEqual([]);
  });

  it('agrees with a full sort on random scores', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 5000 }, () => Math.floor(random() * 100));
    const sorted = [...scores.keys()].filter((i) => scores[i]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
    expect(topIndices(scores.length, 250, (i) => scores[i]!)).toEqual(sorted.slice(0, 250));
  });
});
