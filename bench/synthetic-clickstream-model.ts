/**
 * What the synthetic clickstream imitates: statistics of the REES46 October 2019 extract, as printed
 * by bench/synthetic-clickstream-stats.ts (copied here so the benchmark runs without the data set),
 * and the one adjustment the benchmark's size forces. docs/load-generator.md explains the choices.
 */

/** REES46 event mix: 17,055 views, 165 cart adds, 214 purchases (no removals in the extract). */
export const EVENT_COUNTS = { 'Product Viewed': 17_055, 'Product Added': 165, 'Order Completed': 214 } as const;
export type SyntheticEventName = keyof typeof EVENT_COUNTS;

/** Sessions (user_session per visitor) by number of events: SESSION_LENGTH_COUNTS[n - 1] sessions had n events. */
export const SESSION_LENGTH_COUNTS = [
  2069, 935, 585, 380, 247, 168, 124, 104, 88, 64, 70, 42, 42, 29, 10, 11, 17, 8, 13, 7, 7, 7, 5, 6, 4, 4, 6, 3, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 2,
  1, 1, 0, 0, 0, 1, 0, 0, 0, 1,
] as const;

/** Visitors by number of sessions: 4,078 had one, 333 two, … (a 3-hour window, so few return). */
export const SESSIONS_PER_VISITOR_COUNTS = [4078, 333, 67, 14, 9, 0, 3] as const;

/** Seconds between consecutive events of a session, as quantile knots [probability, seconds]. */
export const WITHIN_SESSION_GAP_SECONDS = [
  [0, 0], [0.1, 10], [0.25, 18], [0.5, 33], [0.75, 62], [0.9, 115], [0.99, 377], [1, 3596],
] as const;

/** Seconds from the end of a visitor's session to the start of their next one, as quantile knots. */
export const BETWEEN_SESSIONS_GAP_SECONDS = [
  [0, 0], [0.1, 19], [0.25, 55], [0.5, 118], [0.75, 261], [0.9, 559], [0.99, 8539], [1, 9121],
] as const;

/** Least-squares fit of log(views) on log(rank) over the products seen at least twice. */
export const ZIPF_EXPONENT = 0.665;

/** log(price in USD) over the extract's products: a log-normal with this mean and standard deviation. */
export const LOG_PRICE = { mean: 4.7135, sd: 1.3158 } as const;

/**
 * Share of visitors who log in. The data has no login signal (REES46 gives every visitor a user_id);
 * the assumption is that those who add to cart or buy are logged in, which REES46 measures at 5.37%.
 */
export const LOGGED_IN_SHARE = 0.0537;

export function mean(counts: ReadonlyArray<number>): number {
  let weighted = 0;
  let total = 0;
  counts.forEach((count, index) => {
    weighted += count * (index + 1);
    total += count;
  });
  return weighted / total;
}

/**
 * The distribution closest to `counts` (least Kullback-Leibler divergence) whose mean is
 * `targetMean`: the exponential tilt p(n)·e^(θn), θ found by bisection. A benchmark whose events per
 * visitor differ from the data's cannot keep the measured session lengths; this changes them least.
 */
export function tiltToMean(counts: ReadonlyArray<number>, targetMean: number): number[] {
  const support = counts.flatMap((count, index) => (count > 0 ? [index + 1] : []));
  const lowest = support[0] as number;
  const highest = support.at(-1) as number;
  if (!(targetMean >= lowest && targetMean <= highest)) {
    throw new RangeError(`a mean of ${targetMean.toFixed(3)} events per session is outside what the data has (${lowest} to ${highest}); change events or visitors`);
  }
  // In logarithms, shifted by the largest, so that e^(θn) cannot overflow for long sessions.
  const tilted = (theta: number) => {
    const logs = counts.map((count, index) => (count > 0 ? Math.log(count) + theta * (index + 1) : Number.NEGATIVE_INFINITY));
    const largest = Math.max(...logs);
    return logs.map((log) => Math.exp(log - largest));
  };
  let low = -50;
  let high = 50;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (mean(tilted(middle)) < targetMean) low = middle;
    else high = middle;
  }
  return tilted((low + high) / 2);
}
