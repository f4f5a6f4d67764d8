import { normalCdf, normalDensity } from './normal-distribution.js';

/** A context as the model reads it: feature name → value (absent features are 0). */
export type Features = Readonly<Record<string, number>>;

/** The belief about one weight: a Gaussian. */
export interface WeightBelief {
  mean: number;
  variance: number;
}

/** One variant's posterior: a Gaussian per feature weight, by feature name (unknown ones are at the prior). */
export type ArmPosterior = Readonly<Record<string, WeightBelief>>;

/** The distribution of a variant's score w·x for one context, under its posterior. */
export interface ScoreDistribution {
  mean: number;
  variance: number;
}

/** The probit's noise: P(convert | w, x) = Φ(w·x / β). */
const BETA = 1;
/**
 * Priors: the bias starts at Φ(−1.2/√(1+0.5)) ≈ 16% conversion, about what an on-the-fence session of
 * a retail site converts at (16.6% in the band of the offline simulation, docs/benchmarks.md); every
 * other weight starts at 0 with a variance wide enough for one feature to move the rate by tens of
 * points. Chosen by hand, not tuned.
 */
const PRIOR_BIAS: WeightBelief = { mean: -1.2, variance: 0.5 };
const PRIOR_WEIGHT: WeightBelief = { mean: 0, variance: 0.25 };
/** Variances never shrink below this, so a long-running campaign still moves when shoppers change. */
const MIN_VARIANCE = 1e-4;

export const BIAS_FEATURE = 'bias';

function belief(posterior: ArmPosterior, feature: string): WeightBelief {
  return posterior[feature] ?? (feature === BIAS_FEATURE ? PRIOR_BIAS : PRIOR_WEIGHT);
}

export function scoreDistribution(posterior: ArmPosterior, features: Features): ScoreDistribution {
  let mean = 0;
  let variance = 0;
  for (const [feature, value] of Object.entries(features)) {
    if (value === 0) continue;
    const weight = belief(posterior, feature);
    mean += weight.mean * value;
    variance += weight.variance * value * value;
  }
  return { mean, variance };
}

/** The probability of a conversion a score stands for: Φ(s / β). */
export function conversionProbabilityOf(score: number): number {
  return normalCdf(score / BETA);
}

/** The posterior mean of the conversion probability, integrating over the weights: Φ(m / √(β² + v)). */
export function expectedConversion(score: ScoreDistribution): number {
  return normalCdf(score.mean / Math.sqrt(BETA * BETA + score.variance));
}

/**
 * The posterior after one observed outcome, in closed form (assumed-density filtering of a probit
 * likelihood, Graepel et al. 2010, "Web-scale Bayesian click-through rate prediction"): every weight
 * the context touches moves in proportion to its own uncertainty, and its variance shrinks.
 *
 * @example
 * let arm: ArmPosterior = {};
 * arm = updatedPosterior(arm, { bias: 1, firstVisit: 1 }, true);
 */
export function updatedPosterior(posterior: ArmPosterior, features: Features, converted: boolean): ArmPosterior {
  const score = scoreDistribution(posterior, features);
  const totalDeviation = Math.sqrt(BETA * BETA + score.variance);
  const y = converted ? 1 : -1;
  const t = (y * score.mean) / totalDeviation;
  const v = truncatedMeanCorrection(t);
  const w = v * (v + t);
  const next: Record<string, WeightBelief> = { ...posterior };
  for (const [feature, value] of Object.entries(features)) {
    if (value === 0) continue;
    const { mean, variance } = belief(posterior, feature);
    next[feature] = {
      mean: mean + ((y * value * variance) / totalDeviation) * v,
      variance: Math.max(MIN_VARIANCE, variance * (1 - ((value * value * variance) / (totalDeviation * totalDeviation)) * w)),
    };
  }
  return next;
}

/** φ(t) / Φ(t); for very negative t, where both underflow, its asymptote −t. */
function truncatedMeanCorrection(t: number): number {
  const cdf = normalCdf(t);
  return cdf < 1e-300 ? -t : normalDensity(t) / cdf;
}
