import type { EvaluationQuery } from './recs-evaluation.js';

/**
 * The next-item protocol's queries for one test session: every prefix predicts the click after it
 * ([s1]→s2, [s1,s2]→s3, …), as SR-GNN, NARM and STAMP evaluate. A session of one click gives none.
 */
export function prefixQueries(session: readonly string[], now: number): EvaluationQuery[] {
  const queries: EvaluationQuery[] = [];
  for (let next = 1; next < session.length; next++) {
    queries.push({ context: { now, products: [], cart: [], sessionItems: session.slice(0, next) }, target: session[next]! });
  }
  return queries;
}
