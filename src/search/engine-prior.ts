import { RANK_HALF } from './rerank-weights.js';

/**
 * The engine's order as a prior in [0, 1] per result. When every result has a score, none negative and
 * some positive (Elasticsearch, Solr and OpenSearch scores are), each score over the best: results the
 * engine found about as relevant stay about as likely, which min-max scaling would stretch to 1 and 0.
 * Otherwise the reciprocal rank 1 / (1 + rank / RANK_HALF), rank from 0.
 *
 * @example
 * enginePriors([{ score: 3 }, { score: 2.9 }]) // → [1, 0.9667]
 * enginePriors([{}, {}, {}]) // → [1, 0.909…, 0.833…]
 */
export function enginePriors(results: ReadonlyArray<{ score?: number | undefined }>): number[] {
  const scores = results.map((result) => result.score);
  if (scores.every((score): score is number => score !== undefined && score >= 0)) {
    const best = Math.max(...scores);
    if (best > 0) return scores.map((score) => score / best);
  }
  return results.map((_, rank) => 1 / (1 + rank / RANK_HALF));
}
