import { checkScoredLabels } from './scored-labels.js';
import { seededRandom } from '../../shared/seeded-random.js';

export interface RocAucIntervalOptions {
  /** Coverage of the interval; 0.95 unless given. */
  level?: number;
  /** Bootstrap resamples; 1000 unless given. More gives steadier bounds at linear cost. */
  resamples?: number;
  /** Seeds the resampling, so the same call gives the same interval on every run. */
  seed: number;
}

export interface RocAucInterval {
  rocAuc: number;
  lower: number;
  upper: number;
  level: number;
  resamples: number;
}

export interface RocAucDifferenceInterval {
  /** ROC-AUC of `scores` minus ROC-AUC of `baselineScores`, on the same examples. */
  difference: number;
  lower: number;
  upper: number;
  level: number;
  resamples: number;
}

/**
 * A percentile bootstrap interval for ROC-AUC (ties counted half, as `classificationMetrics`).
 * Resampling is stratified: each resample draws the positives from the positives and the negatives
 * from the negatives, so every resample has both classes and the purchase rate of the data.
 * Costs one sort plus O(n) per resample. All fields but `level` and `resamples` are NaN when the
 * labels hold only one class.
 *
 * @throws RangeError for the inputs `classificationMetrics` refuses, a `level` outside (0, 1), a
 *   `resamples` that is not a positive integer, or a `seed` that is not an integer.
 * @example
 * const { lower, upper } = rocAucInterval(scores, labels, { seed: 1 });
 */
export function rocAucInterval(scores: ArrayLike<number>, labels: ArrayLike<number>, options: RocAucIntervalOptions): RocAucInterval {
  checkScoredLabels(scores, labels);
  const ranking = rankAscending(scores);
  const { lower, upper, level, resamples, estimate } = bootstrap(labels, options, (weights) => weightedRocAuc(ranking, labels, weights));
  return { rocAuc: estimate, lower, upper, level, resamples };
}

/**
 * A paired percentile bootstrap interval for the ROC-AUC of `scores` minus that of `baselineScores`
 * on the same examples: both are scored on each resample, so the examples both find hard do not
 * widen the interval. This is what "clearly above the baseline" should rest on (a lower bound above
 * 0); two separate intervals that do not overlap are a much stricter and needlessly blunt test.
 *
 * @throws RangeError as `rocAucInterval`, naming `baselineScores` when that is the argument at fault.
 * @example
 * const { lower } = rocAucDifferenceInterval(modelScores, hasAddedToCartScores, labels, { seed: 1 });
 * const clearlyBetter = lower > 0;
 */
export function rocAucDifferenceInterval(
  scores: ArrayLike<number>,
  baselineScores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: RocAucIntervalOptions,
): RocAucDifferenceInterval {
  checkScoredLabels(scores, labels);
  checkScoredLabels(baselineScores, labels, 'baselineScores');
  const ranking = rankAscending(scores);
  const baselineRanking = rankAscending(baselineScores);
  const { lower, upper, level, resamples, estimate } = bootstrap(
    labels,
    options,
    (weights) => weightedRocAuc(ranking, labels, weights) - weightedRocAuc(baselineRanking, labels, weights),
  );
  return { difference: estimate, lower, upper, level, resamples };
}

/** Example indices in ascending score order, and where each run of tied scores starts. */
interface Ranking {
  order: Uint32Array;
  /** Start of each tie group in `order`, with `order.length` appended as the end of the last one. */
  groupStarts: Uint32Array;
}

function rankAscending(scores: ArrayLike<number>): Ranking {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  const groupStarts = [0];
  for (let k = 1; k < order.length; k++) {
    if (scores[order[k]!] !== scores[order[k - 1]!]) groupStarts.push(k);
  }
  groupStarts.push(order.length);
  return { order, groupStarts: Uint32Array.from(groupStarts) };
}

/**
 * The Mann–Whitney AUC with each example counted `weights[i]` times (a bootstrap resample's draw
 * counts): walking up the tie groups, each positive beats the negatives below its group and ties
 * half of those in it.
 */
function weightedRocAuc(ranking: Ranking, labels: ArrayLike<number>, weights: Uint32Array): number {
  const { order, groupStarts } = ranking;
  let negativesBelow = 0;
  let positivesTotal = 0;
  let credit = 0;
  for (let g = 0; g + 1 < groupStarts.length; g++) {
    let positives = 0;
    let negatives = 0;
    for (let k = groupStarts[g]!; k < groupStarts[g + 1]!; k++) {
      const example = order[k]!;
      if (labels[example] === 1) positives += weights[example]!;
      else negatives += weights[example]!;
    }
    credit += positives * (negativesBelow + negatives / 2);
    negativesBelow += negatives;
    positivesTotal += positives;
  }
  return positivesTotal > 0 && negativesBelow > 0 ? credit / (positivesTotal * negativesBelow) : NaN;
}

interface BootstrapResult {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  resamples: number;
}

function bootstrap(labels: ArrayLike<number>, options: RocAucIntervalOptions, statistic: (weights: Uint32Array) => number): BootstrapResult {
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 1000;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`options.level is ${level}; it must lie strictly between 0 and 1 (e.g. 0.95)`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`options.resamples is ${resamples}; it must be a positive integer`);
  }
  const random = seededRandom(options.seed);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);

  const weights = new Uint32Array(labels.length).fill(1);
  const estimate = statistic(weights);
  if (positives.length === 0 || negatives.length === 0) {
    return { estimate, lower: NaN, upper: NaN, level, resamples };
  }
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let k = 0; k < positives.length; k++) weights[positives[Math.floor(random() * positives.length)]!]!++;
    for (let k = 0; k < negatives.length; k++) weights[negatives[Math.floor(random() * negatives.length)]!]!++;
    estimates[r] = statistic(weights);
  }
  estimates.sort();
  return { estimate, lower: quantile(estimates, (1 - level) / 2), upper: quantile(estimates, (1 + level) / 2), level, resamples };
}

/** Linear interpolation between order statistics (the usual "type 7" quantile) of sorted values. */
function quantile(sorted: Float64Array, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
