import { RANK_HALF } from './rerank-weights.js';

/**
 * The engine's order as a prior in [0, 1] per result. When every result has a score and they differ,
 * the scores min-max scaled (1 for the best, 0 for the worst), so the engine's confidence gaps carry
 * over; otherwise the reciprocal rank 1 / (1 + rank / RANK_HALF) (rank from 0).
 *
 * @example
 * enginePriors([{}, {}, {}]) // → [1, 0.909…, 0.833…]
 */
export function enginePriors(results: ReadonlyArray<{ score?: number | undefined }>): number[] {
  const scores = results.map((result) => result.score);
  if (scores.every((score): score is number => score !== undefined)) {
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    if (max > min) return scores.map((score) => (score - min) / (max - min));
  }
  return results.map((_, rank) => 1 / (1 + rank / RANK_HALF));
}
