import { describe, expect, it } from 'vitest';
import { isBirthdayOn, nextLocalOccurrence } from './next-local-occurrence.js';

describe('nextLocalOccurrence', () => {
  it('is later today when the time is still ahead, in the customer’s zone', () => {
    // 07:00 UTC is 08:00 in Amsterdam (CET): 09:00 local is an hour away.
    expect(nextLocalOccurrence('09:00', 'Europe/Amsterdam', Date.parse('2026-11-23T07:00:00Z'))).toEqual({ at: Date.parse('2026-11-23T08:00:00Z'), localDate: '2026-11-23' });
  });

  it('is tomorrow once the time has passed, and tomorrow’s date in that zone', () => {
    expect(nextLocalOccurrence('09:00', 'America/New_York', Date.parse('2026-11-23T15:00:00Z'))).toEqual({ at: Date.parse('2026-11-24T14:00:00Z'), localDate: '2026-11-24' });
  });
});

describe('isBirthdayOn', () => {
  it('matches the month and day of a full date or of MM-DD, and nothing else', () => {
    expect(isBirthdayOn('1990-11-24', '2026-11-24')).toBe(true);
    expect(isBirthdayOn('11-24', '2026-11-24')).toBe(true);
    expect(isBirthdayOn('1990-11-25', '2026-11-24')).toBe(false);
    expect(isBirthdayOn(19901124, '2026-11-24')).toBe(false);
  });
});
