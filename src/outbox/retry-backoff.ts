/**
 * How long to wait after the `attempt`-th failed attempt: "full jitter" (a uniform draw up to
 * base·2^(attempt−1), capped), which spreads the retries of many messages that failed together —
 * a receiver that was down — instead of sending them all back at the same moment.
 */
export function backoffDelayMs(attempt: number, policy: { backoffBaseMs: number; backoffMaxMs: number }, random: () => number): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
