import { describe, expect, it } from 'vitest';
import type { LabelledSession } from './session-examples.js';
import { timeSplit } from './time-split.js';

const session = (startedAt: number): LabelledSession => ({ profileKey: `u${startedAt}`, startedAt, bought: false, examples: [] });

describe('timeSplit', () => {
  // Shuffled start times with ties, so order and ties are both exercised.
  const sessions = [7, 3, 9, 1, 5, 5, 8, 2, 6, 4, 10, 0, 5, 11, 12, 13, 14, 15, 16, 17].map(session);

  it('puts every validation session after every train-inner one, and every test session after both', () => {
    const { trainInner, validation, test, train } = timeSplit(sessions, 0.25, 0.2);
    const starts = (part: LabelledSession[]) => part.map((s) => s.startedAt);
    expect(Math.max(...starts(trainInner))).toBeLessThan(Math.min(...starts(validation)));
    expect(Math.max(...starts(validation))).toBeLessThan(Math.min(...starts(test)));
    expect(train).toEqual([...trainInner, ...validation]);
    expect(trainInner.length + validation.length + test.length).toBe(sessions.length);
  });

  it('leaves the test period exactly as a split without validation would', () => {
    const withValidation = timeSplit(sessions, 0.25, 0.2);
    const other = timeSplit(sessions, 0.25, 0.5);
    expect(withValidation.test).toEqual(other.test);
    expect(withValidation.testFrom).toBe(13);
    expect(withValidation.test.map((s) => s.startedAt)).toEqual([13, 14, 15, 16, 17]);
  });

  it('keeps sessions that start at the same instant together', () => {
    const tied = [1, 2, 3, 3, 3, 3, 4, 5].map(session);
    const { trainInner, validation } = timeSplit(tied, 0.2, 0.5);
    expect(trainInner.filter((s) => s.startedAt === 3).length === 0 || validation.filter((s) => s.startedAt === 3).length === 0).toBe(true);
  });

  it('refuses a fraction outside (0, 1), naming it', () => {
    expect(() => timeSplit(sessions, 0.25, 1)).toThrow(/validationFraction must be between 0 and 1; got 1/);
    expect(() => timeSplit(sessions, 0, 0.2)).toThrow(/testFraction/);
  });
});
