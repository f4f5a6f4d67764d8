import { describe, expect, it } from 'vitest';
import { classificationMetrics, metricsAtThreshold } from './classification-metrics.js';
import { seededRandom } from '../../shared/seeded-random.js';

/** The O(n²) definition: over every (positive, negative) pair, 1 if ordered right, ½ if tied. */
function bruteForceRocAuc(scores: number[], labels: number[]): number {
  let pairs = 0;
  let credit = 0;
  scores.forEach((positiveScore, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((negativeScore, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      credit += positiveScore > negativeScore ? 1 : positiveScore === negativeScore ? 0.5 : 0;
    });
  });
  return credit / pairs;
}

/** Average precision from its definition, one threshold per distinct score: Σ (Rₖ − Rₖ₋₁) · Pₖ. */
function bruteForceAveragePrecision(scores: number[], labels: number[]): number {
  const positives = labels.filter((label) => label === 1).length;
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  let previousRecall = 0;
  let averagePrecision = 0;
  for (const threshold of thresholds) {
    const selected = scores.map((score, i) => ({ score, label: labels[i] })).filter((example) => example.score >= threshold);
    const truePositives = selected.filter((example) => example.label === 1).length;
    const recall = truePositives / positives;
    averagePrecision += (recall - previousRecall) * (truePositives / selected.length);
    previousRecall = recall;
  }
  return averagePrecision;
}

function randomExamples(seed: number, count: number): { scores: number[]; labels: number[] } {
  const random = seededRandom(seed);
  const labels = Array.from({ length: count }, () => (random() < 0.3 ? 1 : 0));
  // Two decimals force many ties; the positives are nudged up so the ranking is informative, not 0.5.
  const scores = labels.map((label) => Math.round(Math.min(1, random() * 0.8 + label * 0.2) * 100) / 100);
  return { scores, labels };
}

describe('classificationMetrics on a hand-computed case without ties', () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
  const labels = [1, 0, 1, 1, 0, 0];
  const metrics = classificationMetrics(scores, labels);

  it('counts the examples and positives', () => {
    expect(metrics.examples).toBe(6);
    expect(metrics.positives).toBe(3);
  });

  it('orders 7 of the 9 pairs right and averages precision 1, 2/3, 3/4 over the positives', () => {
    expect(metrics.rocAuc).toBeCloseTo(7 / 9, 12);
    expect(metrics.prAuc).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12);
  });

  it('computes log loss and Brier from the clipped probabilities', () => {
    const expectedLogLoss = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.6) + Math.log(0.5) + Math.log(0.6)) / 6;
    expect(metrics.logLoss).toBeCloseTo(expectedLogLoss, 12);
    expect(metrics.brier).toBeCloseTo((0.01 + 0.64 + 0.09 + 0.16 + 0.25 + 0.16) / 6, 12);
  });

  it('weights each bin’s calibration gap by its size (one score per bin with 10 bins)', () => {
    expect(metrics.ece).toBeCloseTo((0.4 + 0.5 + 0.4 + 0.3 + 0.8 + 0.1) / 6, 12);
    expect(metrics.reliability.map((bin) => bin.from)).toEqual([0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it('pools scores into two bins when asked: [0, 0.5) and [0.5, 1]', () => {
    const twoBins = classificationMetrics(scores, labels, { bins: 2 });
    expect(twoBins.reliability).toHaveLength(2);
    expect(twoBins.reliability[0]).toMatchObject({ from: 0, to: 0.5, examples: 1, positiveRate: 0 });
    expect(twoBins.reliability[0]!.meanScore).toBeCloseTo(0.4, 12);
    expect(twoBins.reliability[1]).toMatchObject({ from: 0.5, to: 1, examples: 5, positiveRate: 0.6 });
    expect(twoBins.reliability[1]!.meanScore).toBeCloseTo(0.7, 12);
    expect(twoBins.ece).toBeCloseTo((1 / 6) * 0.4 + (5 / 6) * 0.1, 12);
  });

  it('finds the best F1 and the best accuracy at 0.6 (3 true positives, 1 false)', () => {
    expect(metrics.atBestF1).toEqual({ threshold: 0.6, accuracy: 5 / 6, f1: 6 / 7, precision: 3 / 4, recall: 1 });
    expect(metrics.atBestAccuracy.threshold).toBe(0.6);
  });
});

describe('classificationMetrics with tied scores', () => {
  it('counts a tied pair half and takes a tie as one precision-recall step', () => {
    const metrics = classificationMetrics([0.8, 0.8, 0.5, 0.5, 0.2], [1, 0, 1, 0, 0]);
    // Pairs: 0.8⁺ beats 0.5⁻ and 0.2⁻ and ties 0.8⁻ (2.5); 0.5⁺ beats 0.2⁻ and ties 0.5⁻ (1.5); of 6.
    expect(metrics.rocAuc).toBeCloseTo(4 / 6, 12);
    // Each tie holds one positive and one negative: precision 1/2 at both steps. Breaking the ties
    // with the positive first would give 1·½ + ⅔·½ instead.
    expect(metrics.prAuc).toBeCloseTo(0.5, 12);
  });

  it('scores a binary "has added to cart" scorer (0/1 scores) by its two steps', () => {
    const scores = [1, 1, 1, 0, 0, 0, 0, 0];
    const labels = [1, 1, 0, 1, 0, 0, 0, 0];
    const metrics = classificationMetrics(scores, labels);
    // Positives at 1: beat 4 negatives, tie 1 (4.5 each); the positive at 0 ties 4 negatives (2). Of 15.
    expect(metrics.rocAuc).toBeCloseTo(11 / 15, 12);
    // Step at 1: recall 2/3 with precision 2/3; step at 0: recall +1/3 with precision 3/8.
    expect(metrics.prAuc).toBeCloseTo((2 / 3) * (2 / 3) + (1 / 3) * (3 / 8), 12);
    expect(metrics.brier).toBeCloseTo(2 / 8, 12);
    // Two confident mistakes cost −ln(1e−15) each after clipping; the six right ones almost nothing.
    expect(metrics.logLoss).toBeCloseTo((2 * Math.log(1e15)) / 8, 3);
    // Only bins 0 and 9 hold scores; the empty ones are left out of the list.
    expect(metrics.reliability).toEqual([
      { from: 0, to: 0.1, examples: 5, meanScore: 0, positiveRate: 0.2 },
      { from: 0.9, to: 1, examples: 3, meanScore: 1, positiveRate: 2 / 3 },
    ]);
    expect(metrics.ece).toBeCloseTo((5 / 8) * 0.2 + (3 / 8) * (1 / 3), 12);
    expect(metrics.atBestF1).toEqual({ threshold: 1, accuracy: 6 / 8, f1: 2 / 3, precision: 2 / 3, recall: 2 / 3 });
    expect(metrics.atBestAccuracy.threshold).toBe(1);
  });
});

describe('classificationMetrics on reference scorers', () => {
  it('gives a constant scorer AUC 0.5, AP the positive rate, and best accuracy by predicting nobody', () => {
    const labels = [1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const metrics = classificationMetrics(new Array<number>(10).fill(0.3), labels);
    expect(metrics.rocAuc).toBe(0.5);
    expect(metrics.prAuc).toBeCloseTo(0.2, 12);
    expect(metrics.atBestF1).toEqual({ threshold: 0.3, accuracy: 0.2, f1: 4 / 12, precision: 0.2, recall: 1 });
    expect(metrics.atBestAccuracy.accuracy).toBe(0.8);
    expect(metrics.atBestAccuracy.threshold).toBeGreaterThan(0.3);
    expect(metrics.atBestAccuracy).toMatchObject({ f1: 0, precision: 0, recall: 0 });
    expect(metrics.reliability).toEqual([{ from: 0.3, to: 0.4, examples: 10, meanScore: expect.closeTo(0.3, 12), positiveRate: 0.2 }]);
    expect(metrics.ece).toBeCloseTo(0.1, 12);
  });

  it('gives a perfect ranker AUC 1, AP 1 and a threshold that separates the classes', () => {
    const metrics = classificationMetrics([0.1, 0.95, 0.4, 0.7, 0.2, 0.6], [0, 1, 0, 1, 0, 1]);
    expect(metrics.rocAuc).toBe(1);
    expect(metrics.prAuc).toBe(1);
    expect(metrics.atBestF1).toEqual({ threshold: 0.6, accuracy: 1, f1: 1, precision: 1, recall: 1 });
  });

  it('gives a reversed ranker AUC 0 and AP from the bottom of the list', () => {
    const metrics = classificationMetrics([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]);
    expect(metrics.rocAuc).toBe(0);
    expect(metrics.prAuc).toBeCloseTo(0.5 * (1 / 3) + 0.5 * (2 / 4), 12);
  });

  it('reports AUC and AP as NaN when only one class is present, and still computes the rest', () => {
    const metrics = classificationMetrics([0.2, 0.4], [0, 0]);
    expect(metrics.rocAuc).toBeNaN();
    expect(metrics.prAuc).toBeNaN();
    expect(metrics.brier).toBeCloseTo(0.1, 12);
    expect(metrics.atBestAccuracy).toMatchObject({ accuracy: 1, f1: 0 });
    expect(classificationMetrics([0.2, 0.4], [1, 1]).prAuc).toBe(1);
  });

  it('breaks a tie in F1 or accuracy toward the higher threshold', () => {
    // At 0.9: 1 true positive, 1 missed (F1 2/3); at 0.6: 2 true positives, 2 false (F1 4/6).
    expect(classificationMetrics([0.9, 0.8, 0.7, 0.6], [1, 0, 0, 1]).atBestF1.threshold).toBe(0.9);
    // Predicting nobody and predicting everybody are both right half the time.
    expect(classificationMetrics([0.5, 0.5], [1, 0]).atBestAccuracy).toMatchObject({ accuracy: 0.5, recall: 0 });
  });

  it('puts a score of exactly 1 in the last bin and boundary scores in the bin they start', () => {
    const metrics = classificationMetrics([1, 0.29, 0.3], [1, 0, 0], { bins: 100 });
    expect(metrics.reliability.map((bin) => [bin.from, bin.examples])).toEqual([[0.29, 1], [0.3, 1], [0.99, 1]]);
  });
});

describe('classificationMetrics against brute force on random data with ties', () => {
  it.each([1, 2, 3])('matches the O(n²) pair count and the AP definition (seed %i)', (seed) => {
    const { scores, labels } = randomExamples(seed, 400);
    const metrics = classificationMetrics(scores, labels);
    expect(metrics.rocAuc).toBeGreaterThan(0.6);
    expect(metrics.rocAuc).toBeCloseTo(bruteForceRocAuc(scores, labels), 12);
    expect(metrics.prAuc).toBeCloseTo(bruteForceAveragePrecision(scores, labels), 12);
  });

  it('accepts typed arrays', () => {
    const { scores, labels } = randomExamples(4, 200);
    expect(classificationMetrics(Float64Array.from(scores), Uint8Array.from(labels))).toEqual(classificationMetrics(scores, labels));
  });
});

describe('classificationMetrics input checks', () => {
  it.each([
    ['different lengths', [0.5, 0.5], [1], /scores and labels differ in length/],
    ['no examples', [], [], /empty/],
    ['a label of 2', [0.5, 0.5], [1, 2], /labels\[1\] is 2/],
    ['a NaN label', [0.5], [NaN], /labels\[0\] is NaN/],
    ['a NaN score', [0.5, NaN], [1, 0], /scores\[1\] is NaN/],
    ['an infinite score', [Infinity], [1], /scores\[0\] is Infinity/],
    ['a score above 1', [1.5], [1], /scores\[0\] is 1.5.*\[0, 1\]/],
  ])('throws a RangeError for %s', (_case, scores, labels, message) => {
    expect(() => classificationMetrics(scores, labels)).toThrow(RangeError);
    expect(() => classificationMetrics(scores, labels)).toThrow(message);
  });

  it('throws a RangeError for a bin count that is not a positive integer', () => {
    expect(() => classificationMetrics([0.5], [1], { bins: 0 })).toThrow(/options.bins is 0/);
    expect(() => classificationMetrics([0.5], [1], { bins: 2.5 })).toThrow(RangeError);
  });
});

describe('metricsAtThreshold', () => {
  it('scores "predict positive when score ≥ threshold" at a threshold chosen elsewhere, as the sweep does', () => {
    const scores = [0.9, 0.8, 0.8, 0.4, 0.3, 0.1];
    const labels = [1, 0, 1, 1, 0, 0];
    // ≥ 0.8: TP 2, FP 1, FN 1, TN 2
    expect(metricsAtThreshold(scores, labels, 0.8)).toEqual({ threshold: 0.8, accuracy: 4 / 6, f1: 4 / 6, precision: 2 / 3, recall: 2 / 3 });
    const best = classificationMetrics(scores, labels).atBestF1;
    expect(metricsAtThreshold(scores, labels, best.threshold)).toEqual(best);
  });
});
