import { describe, expect, it } from 'vitest';
import { normalCdf, normalDensity } from './normal-distribution.js';
import type { ScoreDistribution } from './probit-posterior.js';
import { seededRandom } from '../shared/seeded-random.js';
import { choiceProbabilities, greedyChoice, thompsonChoice, thompsonProbabilities } from './thompson-policy.js';

describe('thompsonProbabilities', () => {
  it('matches a fine-grid reference within 2e-5, narrow posteriors beside wide ones, and sums to 1', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 30; trial++) {
      const variants = 2 + Math.floor(random() * 3);
      const scores = Array.from({ length: variants }, () => ({ mean: -2 + 2 * random(), variance: Math.exp(-6 + 7 * random()) }));
      const probabilities = thompsonProbabilities(scores);
      expect(probabilities.reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 12);
      const expected = fineGridReference(scores);
      probabilities.forEach((probability, i) => expect(Math.abs(probability - expected[i]!)).toBeLessThan(2e-5));
    }
  });

  it('is the frequency with which sampled choices pick each variant', () => {
    const scores = [
      { mean: -1, variance: 0.5 },
      { mean: -0.8, variance: 0.01 },
      { mean: -1.3, variance: 2 },
    ];
    const probabilities = thompsonProbabilities(scores);
    const random = seededRandom(1);
    const counts = [0, 0, 0];
    const draws = 20_000;
    for (let i = 0; i < draws; i++) counts[thompsonChoice(scores, 0, random).chosen]!++;
    // Binomial standard error at 20k draws is ≤ 0.0036: four of them is 0.014.
    counts.forEach((count, i) => expect(Math.abs(count / draws - probabilities[i]!)).toBeLessThan(0.014));
  });

  it('is 1/n for identical posteriors and 1 for a single variant', () => {
    const probabilities = thompsonProbabilities([{ mean: 0.2, variance: 1 }, { mean: 0.2, variance: 1 }, { mean: 0.2, variance: 1 }, { mean: 0.2, variance: 1 }]);
    probabilities.forEach((probability) => expect(probability).toBeCloseTo(0.25, 4));
    expect(thompsonProbabilities([{ mean: 3, variance: 0.1 }])).toEqual([1]);
  });

  it('keeps every variant at floor / n at least, even against a certain winner', () => {
    const probabilities = choiceProbabilities([{ mean: 5, variance: 1e-4 }, { mean: -5, variance: 1e-4 }, { mean: -5, variance: 1e-4 }], 0.3);
    expect(probabilities[1]).toBeCloseTo(0.1, 6);
    expect(probabilities[0]).toBeCloseTo(0.8, 6);
    expect(probabilities.reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 12);
  });
});

describe('thompsonChoice', () => {
  it('explores uniformly with probability floor', () => {
    const random = seededRandom(2);
    const scores = [{ mean: 5, variance: 1e-4 }, { mean: -5, variance: 1e-4 }];
    let second = 0;
    for (let i = 0; i < 20_000; i++) if (thompsonChoice(scores, 0.2, random).chosen === 1) second++;
    expect(second / 20_000).toBeCloseTo(0.1, 1);
  });
});

describe('greedyChoice', () => {
  it('takes the best expected conversion, which accounts for the variance, not the best mean score alone', () => {
    // Φ(−1/√1.01) ≈ 0.16 against Φ(−0.9/√10) ≈ 0.39: the uncertain one is expected to convert more.
    expect(greedyChoice([{ mean: -1, variance: 0.01 }, { mean: -0.9, variance: 9 }])).toBe(1);
    expect(greedyChoice([{ mean: 0.5, variance: 0.01 }, { mean: 0.4, variance: 9 }])).toBe(0);
  });
});

/** ∫ φₐ Π Φ_b by the trapezoid rule on 100,000 even steps over every variant's ±9 deviations. */
function fineGridReference(scores: readonly ScoreDistribution[]): number[] {
  const deviations = scores.map((score) => Math.sqrt(score.variance));
  const low = Math.min(...scores.map((score, i) => score.mean - 9 * deviations[i]!));
  const high = Math.max(...scores.map((score, i) => score.mean + 9 * deviations[i]!));
  const steps = 100_000;
  const width = (high - low) / steps;
  const totals = scores.map(() => 0);
  for (let j = 0; j <= steps; j++) {
    const s = low + j * width;
    scores.forEach((score, a) => {
      let value = normalDensity((s - score.mean) / deviations[a]!) / deviations[a]!;
      scores.forEach((other, b) => {
        if (b !== a) value *= normalCdf((s - other.mean) / deviations[b]!);
      });
      totals[a]! += value * width * (j === 0 || j === steps ? 0.5 : 1);
    });
  }
  return totals;
}
