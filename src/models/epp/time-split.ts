import type { LabelledSession } from './session-examples.js';

/** The periods of a time split, each in start order. */
export interface TimeSplit {
  /** Every session before the test period: the final model trains on all of them. */
  train: LabelledSession[];
  /** The earlier part of `train`: models being compared train on it. */
  trainInner: LabelledSession[];
  /** The later part of `train`: settings are chosen on it. */
  validation: LabelledSession[];
  /** The latest sessions: scored once, by the chosen settings. */
  test: LabelledSession[];
  /** Sessions starting at or after this instant are validation (before `testFrom`) or test. */
  validationFrom: number;
  testFrom: number;
}

/**
 * Cuts sessions by start time twice, never shuffling across time: the latest `testFraction` are the
 * test period; of the rest, the latest `validationFraction` are the validation period. Sessions that
 * start at the same instant as a cut all fall after it, so no later period starts before an earlier one.
 *
 * @throws RangeError when a fraction is not strictly between 0 and 1.
 * @example
 * const { trainInner, validation, train, test } = timeSplit(sessions, 0.25, 0.2);
 */
export function timeSplit(sessions: readonly LabelledSession[], testFraction: number, validationFraction: number): TimeSplit {
  const { earlier: train, later: test, splitAt: testFrom } = splitByStart(sessions, testFraction, 'testFraction');
  const { earlier: trainInner, later: validation, splitAt: validationFrom } = splitByStart(train, validationFraction, 'validationFraction');
  return { train, trainInner, validation, test, validationFrom, testFrom };
}

function splitByStart(sessions: readonly LabelledSession[], laterFraction: number, name: string): { earlier: LabelledSession[]; later: LabelledSession[]; splitAt: number } {
  if (!(laterFraction > 0 && laterFraction < 1)) throw new RangeError(`${name} must be between 0 and 1; got ${laterFraction}`);
  const ordered = [...sessions].sort((a, b) => a.startedAt - b.startedAt);
  const splitAt = ordered[Math.floor(ordered.length * (1 - laterFraction))]?.startedAt ?? Number.POSITIVE_INFINITY;
  return { earlier: ordered.filter((session) => session.startedAt < splitAt), later: ordered.filter((session) => session.startedAt >= splitAt), splitAt };
}
