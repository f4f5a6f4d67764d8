import { normalCdf, normalDensity, sampleStandardNormal } from './normal-distribution.js';
import { expectedConversion, type ScoreDistribution } from './probit-posterior.js';

/** Grid points per variant, over its mean ± 6 standard deviations, for the propensity integral. */
const POINTS_PER_VARIANT = 61;
const HALF_WIDTH_SD = 6;

/**
 * The probability that Thompson sampling picks each variant: that its sampled score is the largest,
 * P(a) = ∫ φₐ(s) Π_{b≠a} Φ_b(s) ds, since each score is one Gaussian. Integrated by the trapezoid rule
 * on the union of a grid around every variant's score, so a narrow posterior beside a wide one is
 * resolved too; the result is normalised to sum to 1 (the integration error is far below 1e-3).
 */
export function thompsonProbabilities(scores: readonly ScoreDistribution[]): number[] {
  if (scores.length === 1) return [1];
  const deviations = scores.map((score) => Math.sqrt(Math.max(score.variance, 1e-12)));
  const grid: number[] = [];
  scores.forEach((score, i) => {
    const step = (2 * HALF_WIDTH_SD * deviations[i]!) / (POINTS_PER_VARIANT - 1);
    for (let k = 0; k < POINTS_PER_VARIANT; k++) grid.push(score.mean - HALF_WIDTH_SD * deviations[i]! + k * step);
  });
  grid.sort((a, b) => a - b);
  const variants = scores.length;
  const cdf = new Float64Array(variants);
  const density = new Float64Array(variants);
  const integrands = new Float64Array(variants);
  const previous = new Float64Array(variants);
  const totals = new Float64Array(variants);
  grid.forEach((s, j) => {
    for (let b = 0; b < variants; b++) {
      const z = (s - scores[b]!.mean) / deviations[b]!;
      cdf[b] = normalCdf(z);
      density[b] = normalDensity(z) / deviations[b]!;
    }
    leaveOneOutProducts(cdf, integrands);
    for (let a = 0; a < variants; a++) {
      const value = density[a]! * integrands[a]!;
      if (j > 0) totals[a]! += 0.5 * (value + previous[a]!) * (s - grid[j - 1]!);
      previous[a] = value;
    }
  });
  const sum = totals.reduce((acc, value) => acc + value, 0);
  return Array.from(totals, (value) => value / sum);
}

/** out[a] = Π_{b≠a} values[b], by prefix and suffix products (no division, so a zero is fine). */
function leaveOneOutProducts(values: Float64Array, out: Float64Array): void {
  let prefix = 1;
  for (let a = 0; a < values.length; a++) {
    out[a] = prefix;
    prefix *= values[a]!;
  }
  let suffix = 1;
  for (let a = values.length - 1; a >= 0; a--) {
    out[a]! *= suffix;
    suffix *= values[a]!;
  }
}

/** Thompson probabilities mixed with a uniform draw of share `explorationFloor`: each is at least floor / variants. */
export function choiceProbabilities(scores: readonly ScoreDistribution[], explorationFloor: number): number[] {
  const uniform = explorationFloor / scores.length;
  return thompsonProbabilities(scores).map((probability) => uniform + (1 - explorationFloor) * probability);
}

export interface ThompsonChoice {
  /** Index of the chosen variant. */
  chosen: number;
  /** The sampled score of every variant. */
  sampled: number[];
  /** The probability of choosing each variant under the policy at this moment (they sum to 1). */
  probabilities: number[];
}

/**
 * One Thompson-sampling choice: sample every variant's score and take the largest — or, with
 * probability `explorationFloor`, a uniformly drawn variant. The scores are sampled either way, so
 * `why` can show them.
 */
export function thompsonChoice(scores: readonly ScoreDistribution[], explorationFloor: number, random: () => number): ThompsonChoice {
  const sampled = scores.map((score) => score.mean + Math.sqrt(score.variance) * sampleStandardNormal(random));
  let chosen = 0;
  for (let i = 1; i < sampled.length; i++) if (sampled[i]! > sampled[chosen]!) chosen = i;
  if (random() < explorationFloor) chosen = Math.min(scores.length - 1, Math.floor(random() * scores.length));
  return { chosen, sampled, probabilities: choiceProbabilities(scores, explorationFloor) };
}

/** The variant with the highest expected conversion under the posterior (the bandit's greedy choice). */
export function greedyChoice(scores: readonly ScoreDistribution[]): number {
  const expected = scores.map(expectedConversion);
  let best = 0;
  for (let i = 1; i < expected.length; i++) if (expected[i]! > expected[best]!) best = i;
  return best;
}
