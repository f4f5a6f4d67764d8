import { describe, expect, it } from 'vitest';
import { DecayedCounts } from './decayed-counts.js';

const HOUR = 3_600_000;

describe('DecayedCounts', () => {
  it('halves a count per half-life and ranks recent activity above older, larger activity', () => {
    const counts = new DecayedCounts(HOUR);
    counts.add(0, 4, 0);
    counts.add(1, 1, 3 * HOUR);
    expect(counts.valueAt(0, 3 * HOUR)).toBeCloseTo(0.5);
    expect(counts.valueAt(1, 3 * HOUR)).toBeCloseTo(1);
    expect(counts.valueAt(1, 4 * HOUR)).toBeCloseTo(0.5);
    expect(counts.relative(1)).toBeGreaterThan(counts.relative(0));
  });

  it('moves its landmark without changing values when time runs far ahead', () => {
    const counts = new DecayedCounts(1);
    counts.add(0, 1, 0);
    counts.add(1, 1, 10_000);
    expect(counts.valueAt(1, 10_000)).toBeCloseTo(1);
    expect(counts.valueAt(0, 10_000)).toBe(0);
    counts.add(1, 1, 10_001);
    expect(counts.valueAt(1, 10_001)).toBeCloseTo(1.5);
  });

  it('counts an event older than the landmark at its decayed weight', () => {
    const counts = new DecayedCounts(HOUR);
    counts.add(0, 1, 2 * HOUR);
    counts.add(0, 1, HOUR);
    expect(counts.valueAt(0, 2 * HOUR)).toBeCloseTo(1.5);
  });
});
