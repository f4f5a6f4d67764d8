/** z for a two-sided 95% interval. */
export const Z95 = 1.959964;

/** A two-sided 95% normal-approximation interval around an estimate with this standard error. */
export function normalInterval95(estimate: number, standardError: number): [number, number] {
  return [estimate - Z95 * standardError, estimate + Z95 * standardError];
}
