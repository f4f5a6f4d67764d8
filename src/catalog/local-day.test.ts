import { describe, expect, it } from 'vitest';
import { KairosError } from '../shared/errors.js';
import { startOfLocalDayIn } from './local-day.js';

describe('startOfLocalDayIn', () => {
  it('finds local midnight west of UTC, also when UTC is already on the next day', () => {
    const startOfDay = startOfLocalDayIn('America/New_York');
    expect(startOfDay(Date.parse('2024-01-15T15:00:00Z'))).toBe(Date.parse('2024-01-15T05:00:00Z'));
    expect(startOfDay(Date.parse('2024-01-16T03:00:00Z'))).toBe(Date.parse('2024-01-15T05:00:00Z'));
  });

  it('finds local midnight for a half-hour offset east of UTC', () => {
    const startOfDay = startOfLocalDayIn('Asia/Kolkata');
    expect(startOfDay(Date.parse('2024-01-14T19:00:00Z'))).toBe(Date.parse('2024-01-14T18:30:00Z'));
    expect(startOfDay(Date.parse('2024-01-14T18:29:59Z'))).toBe(Date.parse('2024-01-13T18:30:00Z'));
  });

  it('is the instant itself at midnight, and UTC midnight in UTC', () => {
    expect(startOfLocalDayIn('Europe/Berlin')(Date.parse('2024-01-14T23:00:00Z'))).toBe(Date.parse('2024-01-14T23:00:00Z'));
    expect(startOfLocalDayIn('UTC')(Date.parse('2024-01-15T23:59:59.999Z'))).toBe(Date.parse('2024-01-15T00:00:00Z'));
  });

  it('uses the offset of midnight on a day the clocks changed', () => {
    // Europe/Berlin moved to summer time at 02:00 on 2024-03-31: midnight was still UTC+1.
    expect(startOfLocalDayIn('Europe/Berlin')(Date.parse('2024-03-31T12:00:00Z'))).toBe(Date.parse('2024-03-30T23:00:00Z'));
  });

  it('answers right from the remembered day and across day changes, DST and backwards steps alike', () => {
    const startOfDay = startOfLocalDayIn('Europe/Berlin');
    const instants = ['2024-03-30T12:00:00Z', '2024-03-30T22:59:59Z', '2024-03-30T23:00:00Z', '2024-03-31T21:59:59Z', '2024-03-31T22:00:00Z', '2024-03-30T23:30:00Z', '2024-10-27T22:59:59Z', '2024-10-27T23:00:00Z'];
    const expected = ['2024-03-29T23:00:00Z', '2024-03-29T23:00:00Z', '2024-03-30T23:00:00Z', '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z', '2024-03-30T23:00:00Z', '2024-10-26T22:00:00Z', '2024-10-27T23:00:00Z'];
    expect(instants.map((instant) => new Date(startOfDay(Date.parse(instant))).toISOString())).toEqual(expected.map((at) => new Date(at).toISOString()));
  });

  it('refuses a time zone Intl does not know', () => {
    expect(() => startOfLocalDayIn('Mars/Olympus')).toThrow(KairosError);
    expect(() => startOfLocalDayIn('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});
