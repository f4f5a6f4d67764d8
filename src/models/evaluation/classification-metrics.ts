import type { ClassificationMetrics, ReliabilityBin, ThresholdResult } from './evaluation-report.js';
import { checkScoredLabels } from './scored-labels.js';

/** As scikit-learn's log_loss: a confident wrong score costs log(1e15) ≈ 34.5, not infinity. */
const LOG_LOSS_CLIP = 1e-15;

export interface ClassificationMetricsOptions {
  /** Equal-width bins on [0, 1] for the ECE and the reliability curve; 10 unless given. */
  bins?: number;
}

/**
 * Ranking and calibration metrics of probability scores against 0/1 labels, exact and O(n log n).
 *
 * - `rocAuc` is the Mann–Whitney statistic: the share of (positive, negative) pairs the scores order
 *   correctly, tied pairs counting half, so a constant scorer gets exactly 0.5.
 * - `prAuc` is average precision with tied scores taken as one threshold step (as scikit-learn's
 *   `average_precision_score`), so a constant scorer gets the positive rate.
 * - Both are `NaN` when the labels hold only one class (there is no pair to order); the caller should
 *   show them as "n/a" rather than read a number into it.
 * - `reliability` lists only the non-empty bins, in score order; `from`/`to` say which bin each is.
 *   A score of exactly 1 falls in the last bin.
 * - The threshold sweeps ("predict positive when score ≥ threshold") try every distinct score, plus a
 *   threshold just above the top score that predicts nobody positive, because with rare purchases
 *   "nobody buys" is often the most accurate call and a baseline should be credited with it. Ties in
 *   F1 or accuracy go to the higher threshold. Precision with nothing predicted is 0 (as scikit-learn).
 *
 * @throws RangeError for different lengths, no examples, scores that are not finite or outside
 *   [0, 1], labels other than 0 and 1, or a `bins` that is not a positive integer.
 * @example
 * const metrics = classificationMetrics([0.9, 0.2, 0.6], [1, 0, 0]);
 * metrics.rocAuc; // 1
 * metrics.atBestF1.threshold; // 0.9
 */
export function classificationMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: ClassificationMetricsOptions = {},
): ClassificationMetrics {
  checkScoredLabels(scores, labels);
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`options.bins is ${bins}; it must be a positive integer`);
  }
  return {
    ...rankingMetrics(scores, labels),
    ...calibrationMetrics(scores, labels, bins),
  };
}

type RankingMetrics = Pick<ClassificationMetrics, 'examples' | 'positives' | 'rocAuc' | 'prAuc' | 'atBestF1' | 'atBestAccuracy'>;

/**
 * One walk down the distinct scores, highest first. Sorting the positives' and the negatives' scores
 * apart (native numeric sort of typed arrays, no comparator) and merging them yields each distinct
 * score with how many positives and negatives hold it, which is all AUC, AP and the sweeps need.
 */
function rankingMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>): RankingMetrics {
  const examples = scores.length;
  let positives = 0;
  for (let i = 0; i < examples; i++) positives += labels[i]!;
  const negatives = examples - positives;
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < examples; i++) {
    if (labels[i] === 1) positiveScores[p++] = scores[i]!;
    else negativeScores[q++] = scores[i]!;
  }
  positiveScores.sort();
  negativeScores.sort();

  const topScore = Math.max(positiveScores[positives - 1] ?? 0, negativeScores[negatives - 1] ?? 0);
  // The smallest step above the top score that is still a double, so "score ≥ threshold" selects nobody.
  const aboveTop = topScore + Math.max(topScore * Number.EPSILON, Number.MIN_VALUE);
  let atBestF1 = thresholdResult(aboveTop, 0, 0, positives, negatives);
  let atBestAccuracy = atBestF1;

  let correctlyOrderedPairs = 0;
  let averagePrecision = 0;
  let truePositives = 0;
  let falsePositives = 0;
  let p = positives - 1;
  let q = negatives - 1;
  while (p >= 0 || q >= 0) {
    const score = Math.max(positiveScores[p] ?? -Infinity, negativeScores[q] ?? -Infinity);
    let tiedPositives = 0;
    let tiedNegatives = 0;
    while (p >= 0 && positiveScores[p] === score) { tiedPositives++; p--; }
    while (q >= 0 && negativeScores[q] === score) { tiedNegatives++; q--; }

    const negativesBelow = negatives - falsePositives - tiedNegatives;
    correctlyOrderedPairs += tiedPositives * (negativesBelow + tiedNegatives / 2);
    truePositives += tiedPositives;
    falsePositives += tiedNegatives;
    if (positives > 0) {
      averagePrecision += (tiedPositives / positives) * (truePositives / (truePositives + falsePositives));
    }

    const result = thresholdResult(score, truePositives, falsePositives, positives, negatives);
    if (result.f1 > atBestF1.f1) atBestF1 = result;
    if (result.accuracy > atBestAccuracy.accuracy) atBestAccuracy = result;
  }

  return {
    examples,
    positives,
    rocAuc: positives > 0 && negatives > 0 ? correctlyOrderedPairs / (positives * negatives) : NaN,
    prAuc: positives > 0 ? averagePrecision : NaN,
    atBestF1,
    atBestAccuracy,
  };
}

/** Accuracy, F1, precision and recall of "predict positive when score ≥ threshold" (a threshold chosen elsewhere). */
export function metricsAtThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdResult {
  let truePositives = 0;
  let falsePositives = 0;
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] === 1) positives++;
    if (scores[i]! < threshold) continue;
    if (labels[i] === 1) truePositives++;
    else falsePositives++;
  }
  return thresholdResult(threshold, truePositives, falsePositives, positives, scores.length - positives);
}

function thresholdResult(
  threshold: number,
  truePositives: number,
  falsePositives: number,
  positives: number,
  negatives: number,
): ThresholdResult {
  const falseNegatives = positives - truePositives;
  const trueNegatives = negatives - falsePositives;
  const predictedPositives = truePositives + falsePositives;
  const f1Denominator = 2 * truePositives + falsePositives + falseNegatives;
  return {
    threshold,
    accuracy: (truePositives + trueNegatives) / (positives + negatives),
    f1: f1Denominator > 0 ? (2 * truePositives) / f1Denominator : 0,
    precision: predictedPositives > 0 ? truePositives / predictedPositives : 0,
    recall: positives > 0 ? truePositives / positives : 0,
  };
}

type CalibrationMetrics = Pick<ClassificationMetrics, 'logLoss' | 'brier' | 'ece' | 'reliability'>;

function calibrationMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, bins: number): CalibrationMetrics {
  const examples = scores.length;
  const binExamples = new Float64Array(bins);
  const binScoreSum = new Float64Array(bins);
  const binPositives = new Float64Array(bins);
  let logLossSum = 0;
  let brierSum = 0;
  for (let i = 0; i < examples; i++) {
    const score = scores[i]!;
    const label = labels[i]!;
    const clipped = Math.min(Math.max(score, LOG_LOSS_CLIP), 1 - LOG_LOSS_CLIP);
    logLossSum -= label === 1 ? Math.log(clipped) : Math.log(1 - clipped);
    brierSum += (score - label) ** 2;
    const bin = binOf(score, bins);
    binExamples[bin]!++;
    binScoreSum[bin]! += score;
    binPositives[bin]! += label;
  }

  const reliability: ReliabilityBin[] = [];
  let ece = 0;
  for (let bin = 0; bin < bins; bin++) {
    const binSize = binExamples[bin]!;
    if (binSize === 0) continue;
    const meanScore = binScoreSum[bin]! / binSize;
    const positiveRate = binPositives[bin]! / binSize;
    ece += (binSize / examples) * Math.abs(meanScore - positiveRate);
    reliability.push({ from: bin / bins, to: (bin + 1) / bins, examples: binSize, meanScore, positiveRate });
  }
  return { logLoss: logLossSum / examples, brier: brierSum / examples, ece, reliability };
}

/**
 * The bin [bin/bins, (bin+1)/bins) holding the score, the last bin closed at 1. `floor(score·bins)`
 * alone can land one bin off at a boundary through rounding (0.7·10 is fine, 0.29·100 is 28.999…), so
 * the bin is checked against the same bounds the report states.
 */
function binOf(score: number, bins: number): number {
  let bin = Math.min(bins - 1, Math.floor(score * bins));
  if (bin > 0 && score < bin / bins) bin--;
  else if (bin < bins - 1 && score >= (bin + 1) / bins) bin++;
  return bin;
}
