import { describe, expect, it } from 'vitest';
import { rocAucDifferenceInterval, rocAucInterval } from './auc-ci.js';
import { classificationMetrics } from './classification-metrics.js';
import { seededRandom } from '../../shared/seeded-random.js';

/**
 * Positives score uniformly on [0.2, 1], negatives on [0, 0.8]: a positive outranks a negative with
 * probability 1 − 0.75²/2 = 0.71875, the true ROC-AUC the intervals should cover.
 */
const TRUE_ROC_AUC = 1 - 0.75 ** 2 / 2;
function overlappingClasses(seed: number, count: number): { scores: number[]; labels: number[] } {
  const random = seededRandom(seed);
  const labels = Array.from({ length: count }, (): number => (random() < 0.3 ? 1 : 0));
  const scores = labels.map((label) => (label === 1 ? 0.2 : 0) + 0.8 * random());
  return { scores, labels };
}

/** DeLong's standard error of the AUC, from each example's placement among the other class (O(n²)). */
function delongStandardError(scores: number[], labels: number[]): number {
  const positives = scores.filter((_, i) => labels[i] === 1);
  const negatives = scores.filter((_, i) => labels[i] === 0);
  const credit = (positive: number, negative: number) => (positive > negative ? 1 : positive === negative ? 0.5 : 0);
  const positivePlacements = positives.map((positive) => negatives.reduce((sum, negative) => sum + credit(positive, negative), 0) / negatives.length);
  const negativePlacements = negatives.map((negative) => positives.reduce((sum, positive) => sum + credit(positive, negative), 0) / positives.length);
  const variance = (values: number[]) => {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  };
  return Math.sqrt(variance(positivePlacements) / positives.length + variance(negativePlacements) / negatives.length);
}

describe('rocAucInterval', () => {
  const { scores, labels } = overlappingClasses(1, 600);

  it('brackets the exact ROC-AUC of classificationMetrics', () => {
    const interval = rocAucInterval(scores, labels, { seed: 1 });
    expect(interval.rocAuc).toBeCloseTo(classificationMetrics(scores, labels).rocAuc, 12);
    expect(interval.lower).toBeLessThan(interval.rocAuc);
    expect(interval.upper).toBeGreaterThan(interval.rocAuc);
    expect(interval).toMatchObject({ level: 0.95, resamples: 1000 });
  });

  it('is reproducible for a seed and moves a little with another', () => {
    expect(rocAucInterval(scores, labels, { seed: 7 })).toEqual(rocAucInterval(scores, labels, { seed: 7 }));
    const other = rocAucInterval(scores, labels, { seed: 8 });
    expect(other.lower).not.toBe(rocAucInterval(scores, labels, { seed: 7 }).lower);
    expect(Math.abs(other.lower - rocAucInterval(scores, labels, { seed: 7 }).lower)).toBeLessThan(0.01);
  });

  it('widens with the level and narrows with more data', () => {
    const at80 = rocAucInterval(scores, labels, { seed: 1, level: 0.8 });
    const at99 = rocAucInterval(scores, labels, { seed: 1, level: 0.99 });
    expect(at99.upper - at99.lower).toBeGreaterThan(at80.upper - at80.lower);
    const large = overlappingClasses(2, 4800);
    const wide = rocAucInterval(scores, labels, { seed: 1 });
    const narrow = rocAucInterval(large.scores, large.labels, { seed: 1 });
    // Standard errors shrink as 1/√n: 8 times the data, about 1/√8 ≈ 0.35 times the width.
    expect((narrow.upper - narrow.lower) / (wide.upper - wide.lower)).toBeGreaterThan(0.25);
    expect((narrow.upper - narrow.lower) / (wide.upper - wide.lower)).toBeLessThan(0.5);
  });

  it('reaches about 1.96 DeLong standard errors either side of the estimate at 95%', () => {
    const { rocAuc, lower, upper } = rocAucInterval(scores, labels, { seed: 1, resamples: 4000 });
    const standardError = delongStandardError(scores, labels);
    expect((rocAuc - lower) / standardError).toBeGreaterThan(1.96 * 0.88);
    expect((rocAuc - lower) / standardError).toBeLessThan(1.96 * 1.12);
    expect((upper - rocAuc) / standardError).toBeGreaterThan(1.96 * 0.88);
    expect((upper - rocAuc) / standardError).toBeLessThan(1.96 * 1.12);
  });

  it('interpolates between the resampled AUCs: with two, the 95% interval is 1.9 times the 50% one', () => {
    const at95 = rocAucInterval(scores, labels, { seed: 3, resamples: 2 });
    const at50 = rocAucInterval(scores, labels, { seed: 3, resamples: 2, level: 0.5 });
    expect(at50.upper - at50.lower).toBeGreaterThan(0);
    expect((at95.upper - at95.lower) / (at50.upper - at50.lower)).toBeCloseTo(1.9, 9);
  });

  it('covers the true ROC-AUC about as often as its level says', () => {
    let covered = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const sample = overlappingClasses(100 + trial, 200);
      const { lower, upper } = rocAucInterval(sample.scores, sample.labels, { seed: trial, resamples: 400 });
      if (lower <= TRUE_ROC_AUC && TRUE_ROC_AUC <= upper) covered++;
    }
    // 95% of 200 is 190, with a binomial spread of about 3; a systematically narrow or shifted
    // interval falls well below 180.
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(199);
  });

  it('collapses to a point for a perfect ranker and for a constant scorer', () => {
    expect(rocAucInterval([0.1, 0.9, 0.3, 0.8], [0, 1, 0, 1], { seed: 1 })).toMatchObject({ rocAuc: 1, lower: 1, upper: 1 });
    expect(rocAucInterval([0.4, 0.4, 0.4, 0.4], [0, 1, 0, 1], { seed: 1 })).toMatchObject({ rocAuc: 0.5, lower: 0.5, upper: 0.5 });
  });

  it('counts ties half in every resample, as the exact metric does', () => {
    const binary = overlappingClasses(3, 400);
    const rounded = binary.scores.map((score) => (score > 0.5 ? 1 : 0));
    const interval = rocAucInterval(rounded, binary.labels, { seed: 1 });
    expect(interval.rocAuc).toBeCloseTo(classificationMetrics(rounded, binary.labels).rocAuc, 12);
    expect(interval.lower).toBeLessThan(interval.rocAuc);
    expect(interval.upper).toBeGreaterThan(interval.rocAuc);
  });

  it('is NaN when the labels hold one class', () => {
    const interval = rocAucInterval([0.1, 0.2], [0, 0], { seed: 1 });
    expect(interval.rocAuc).toBeNaN();
    expect(interval.lower).toBeNaN();
    expect(interval.upper).toBeNaN();
  });

  it('throws a RangeError for bad input or options', () => {
    expect(() => rocAucInterval([0.5], [1, 0], { seed: 1 })).toThrow(/scores and labels differ in length/);
    expect(() => rocAucInterval([0.5, 0.5], [1, 0], { seed: 1, level: 1 })).toThrow(/options.level is 1/);
    expect(() => rocAucInterval([0.5, 0.5], [1, 0], { seed: 1, resamples: 0 })).toThrow(/options.resamples is 0/);
    expect(() => rocAucInterval([0.5, 0.5], [1, 0], { seed: 1.5 })).toThrow(/seed is 1.5/);
  });
});

describe('rocAucDifferenceInterval', () => {
  const { scores, labels } = overlappingClasses(4, 600);
  const constant = new Array<number>(scores.length).fill(0.3);

  it('gives the difference of the exact AUCs and keeps a better model clearly above a constant baseline', () => {
    const interval = rocAucDifferenceInterval(scores, constant, labels, { seed: 1 });
    expect(interval.difference).toBeCloseTo(classificationMetrics(scores, labels).rocAuc - 0.5, 12);
    expect(interval.lower).toBeGreaterThan(0);
    expect(interval.upper).toBeGreaterThan(interval.difference);
    const reversed = rocAucDifferenceInterval(constant, scores, labels, { seed: 1 });
    expect(reversed.upper).toBeLessThan(0);
  });

  it('is exactly 0 for a scorer against itself: the pairing cancels the resampling noise', () => {
    expect(rocAucDifferenceInterval(scores, scores, labels, { seed: 1 })).toMatchObject({ difference: 0, lower: 0, upper: 0 });
  });

  it('is narrower than the separate intervals when both scorers share most of their signal', () => {
    const random = seededRandom(5);
    const nudged = scores.map((score) => Math.min(1, Math.max(0, score + (random() - 0.5) * 0.1)));
    const paired = rocAucDifferenceInterval(scores, nudged, labels, { seed: 1 });
    const alone = rocAucInterval(scores, labels, { seed: 1 });
    expect(paired.upper - paired.lower).toBeLessThan((alone.upper - alone.lower) / 3);
    expect(paired.lower).toBeLessThan(0.02);
    expect(paired.upper).toBeGreaterThan(-0.02);
  });

  it('names baselineScores when they are at fault', () => {
    expect(() => rocAucDifferenceInterval([0.5, 0.5], [0.5, NaN], [1, 0], { seed: 1 })).toThrow(/baselineScores\[1\] is NaN/);
    expect(() => rocAucDifferenceInterval([0.5, 0.5], [0.5], [1, 0], { seed: 1 })).toThrow(/baselineScores and labels differ/);
  });
});
