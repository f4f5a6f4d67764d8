import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './retry-backoff.js';

const policy = { backoffBaseMs: 1000, backoffMaxMs: 600_000 };

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt from the base, up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 10, 11, 30].map((attempt) => backoffDelayMs(attempt, policy, () => 0.999_999_9));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15_999, 511_999, 599_999, 599_999]);
  });

  it('draws the whole range below the ceiling (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(3, policy, () => 0.25)).toBe(1000);
  });
});
