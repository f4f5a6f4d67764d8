/**
 * The standard normal distribution, written here rather than taken from a statistics package (the
 * project adds no dependency for thirty lines): the probit model, its closed-form updates and the
 * Thompson-sampling propensities only need the density, the distribution function and a sampler.
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(x). */
export function normalDensity(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Φ(x), from the complementary error function of Numerical Recipes (`erfcc`, Chebyshev fit): its
 * *relative* error is below 1.2e-7 everywhere, so Φ of a very negative score (a confident prediction
 * proven wrong) stays accurate where a fit with absolute error would return 0.
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** A draw of N(0, 1) from uniform draws (Box–Muller), so the caller's seeded `random` decides it. */
export function sampleStandardNormal(random: () => number): number {
  const u = 1 - random(); // in (0, 1]: log(0) is not a number
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
