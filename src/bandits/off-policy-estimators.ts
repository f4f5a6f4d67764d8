import { normalInterval95 } from '../measurement/normal-interval.js';

/** One logged decision as the estimators see it. */
export interface LoggedOutcome {
  /** The variant the logging policy chose. */
  action: string;
  /** The probability it had of choosing it. */
  propensity: number;
  reward: number;
  /** The context's cell for the direct model (bandit-context.ts `contextBucket`). */
  bucket: string;
}

/** An estimate of a policy's value (mean reward per decision) with its 95% interval. */
export interface Estimate {
  value: number;
  ci95: [number, number];
}

export interface PolicyEstimates {
  /** Inverse propensity scoring: mean of π(a|x)/p · r. Unbiased; its variance grows with the weights. */
  ips: Estimate;
  /** Σ w·r / Σ w: a little biased, much steadier when weights are large (interval by the delta method). */
  selfNormalizedIps: Estimate;
  /** The direct model's prediction for the policy's choices alone (biased where the model is wrong). */
  directMethod: Estimate;
  /** The direct model corrected by the importance-weighted residual: unbiased if either part is right. */
  doublyRobust: Estimate;
  /** (Σw)² / Σw²: how many decisions the estimate is worth; small means the logs say little about this policy. */
  effectiveSampleSize: number;
}

/** Decisions a cell needs before its own mean outweighs the variant's mean in the direct model. */
const CELL_SHRINKAGE = 5;

/**
 * Off-policy estimates of a target policy's value from logged decisions. `target[i]` is the target
 * policy's probability of each variant in decision i's context. The direct model (per variant and
 * context cell, mean reward shrunk towards the variant's mean) is cross-fitted: decisions of even
 * index are predicted by a model of the odd ones and the other way round, so no decision's own reward
 * is in its prediction (that would bias doubly robust).
 *
 * @example
 * const uniform = logs.map(() => new Map([['a', 0.5], ['b', 0.5]]));
 * evaluatePolicy(logs, uniform).ips.value;
 */
export function evaluatePolicy(logs: readonly LoggedOutcome[], target: ReadonlyArray<ReadonlyMap<string, number>>): PolicyEstimates {
  const models = [directModel(logs, 1), directModel(logs, 0)];
  const n = logs.length;
  const weights = new Float64Array(n);
  const ipsTerms = new Float64Array(n);
  const dmTerms = new Float64Array(n);
  const drTerms = new Float64Array(n);
  logs.forEach((log, i) => {
    const policy = target[i]!;
    const predict = models[i % 2]!;
    const weight = (policy.get(log.action) ?? 0) / log.propensity;
    let modelled = 0;
    for (const [action, probability] of policy) if (probability > 0) modelled += probability * predict(action, log.bucket);
    weights[i] = weight;
    ipsTerms[i] = weight * log.reward;
    dmTerms[i] = modelled;
    drTerms[i] = modelled + weight * (log.reward - predict(log.action, log.bucket));
  });
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const snipsValue = totalWeight > 0 ? ipsTerms.reduce((sum, term) => sum + term, 0) / totalWeight : 0;
  let snipsSquares = 0;
  let weightSquares = 0;
  logs.forEach((log, i) => {
    snipsSquares += weights[i]! ** 2 * (log.reward - snipsValue) ** 2;
    weightSquares += weights[i]! ** 2;
  });
  return {
    ips: meanEstimate(ipsTerms),
    selfNormalizedIps: estimate(snipsValue, totalWeight > 0 ? Math.sqrt(snipsSquares) / totalWeight : 0),
    directMethod: meanEstimate(dmTerms),
    doublyRobust: meanEstimate(drTerms),
    effectiveSampleSize: weightSquares > 0 ? round(totalWeight ** 2 / weightSquares) : 0,
  };
}

/** The mean of per-decision terms with its normal-approximation interval. */
export function meanEstimate(terms: ArrayLike<number>): Estimate {
  const n = terms.length;
  if (n === 0) return estimate(0, 0);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += terms[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (terms[i]! - mean) ** 2;
  const variance = n > 1 ? squares / (n - 1) : 0;
  return estimate(mean, Math.sqrt(variance / n));
}

function estimate(value: number, standardError: number): Estimate {
  const [low, high] = normalInterval95(value, standardError);
  return { value: round(value), ci95: [round(low), round(high)] };
}

/** Mean reward per variant and cell, fitted on the decisions of one parity, shrunk towards the variant's and then the overall mean. */
function directModel(logs: readonly LoggedOutcome[], parity: 0 | 1): (action: string, bucket: string) => number {
  const cells = new Map<string, { sum: number; count: number }>();
  const actions = new Map<string, { sum: number; count: number }>();
  let sum = 0;
  let count = 0;
  const add = (map: Map<string, { sum: number; count: number }>, key: string, reward: number) => {
    const tally = map.get(key) ?? { sum: 0, count: 0 };
    tally.sum += reward;
    tally.count += 1;
    map.set(key, tally);
  };
  logs.forEach((log, i) => {
    if (i % 2 !== parity) return;
    add(cells, `${log.action}\u0000${log.bucket}`, log.reward);
    add(actions, log.action, log.reward);
    sum += log.reward;
    count += 1;
  });
  const overall = count > 0 ? sum / count : 0;
  return (action, bucket) => {
    const byAction = actions.get(action);
    const actionMean = byAction === undefined ? overall : (byAction.sum + CELL_SHRINKAGE * overall) / (byAction.count + CELL_SHRINKAGE);
    const cell = cells.get(`${action}\u0000${bucket}`);
    return cell === undefined ? actionMean : (cell.sum + CELL_SHRINKAGE * actionMean) / (cell.count + CELL_SHRINKAGE);
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
