import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { topK } from './top-k.js';

describe('topK', () => {
  it('returns the k highest positive scores, best first, the earlier of equal ones first', () => {
    const scores = [3, 0, 7, 7, -1, 5, 1];
    expect(topK(scores.keys(), 3, (i) => scores[i]!)).toEqual([2, 3, 5]);
    expect(topK(scores.keys(), 10, (i) => scores[i]!)).toEqual([2, 3, 5, 0, 6]);
    expect(topK(scores.keys(), 0, (i) => scores[i]!)).toEqual([]);
  });

  it('agrees with a full sort on random scores', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 5000 }, () => Math.floor(random() * 100));
    const sorted = [...scores.keys()].filter((i) => scores[i]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
    expect(topK(scores.keys(), 250, (i) => scores[i]!)).toEqual(sorted.slice(0, 250));
  });
});
