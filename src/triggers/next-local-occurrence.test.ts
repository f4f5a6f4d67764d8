import { describe, expect, it } from 'vitest';
import { nextBirthdayOccurrence, nextLocalOccurrence } from './next-local-occurrence.js';

describe('nextLocalOccurrence', () => {
  it('is later today when the time is still ahead, in the customer’s zone', () => {
    // 07:00 UTC is 08:00 in Amsterdam (CET): 09:00 local is an hour away.
    expect(nextLocalOccurrence('09:00', 'Europe/Amsterdam', Date.parse('2026-11-23T07:00:00Z'))).toEqual({ at: Date.parse('2026-11-23T08:00:00Z'), localDate: '2026-11-23' });
  });

  it('is tomorrow once the time has passed, and tomorrow’s date in that zone', () => {
    expect(nextLocalOccurrence('09:00', 'America/New_York', Date.parse('2026-11-23T15:00:00Z'))).toEqual({ at: Date.parse('2026-11-24T14:00:00Z'), localDate: '2026-11-24' });
  });
});

describe('nextBirthdayOccurrence', () => {
  const now = Date.parse('2026-11-23T15:00:00Z'); // 10:00 in New York

  it('is the birthday morning later today, or on the birthday months ahead, in the customer’s zone', () => {
    expect(nextBirthdayOccurrence('1990-11-23', '11:00', 'America/New_York', now)).toEqual({ at: Date.parse('2026-11-23T16:00:00Z'), localDate: '2026-11-23' });
    expect(nextBirthdayOccurrence('03-14', '09:00', 'America/New_York', now)).toEqual({ at: Date.parse('2027-03-14T13:00:00Z'), localDate: '2027-03-14' }); // after the clocks moved (EDT)
  });

  it('is next year once this year’s morning has passed, and keeps 29 February on the 28th in other years', () => {
    expect(nextBirthdayOccurrence('1990-11-23', '09:00', 'America/New_York', now)?.localDate).toBe('2027-11-23');
    expect(nextBirthdayOccurrence('2000-02-29', '09:00', 'UTC', now)?.localDate).toBe('2027-02-28');
    expect(nextBirthdayOccurrence('2000-02-29', '09:00', 'UTC', Date.parse('2027-12-01T00:00:00Z'))?.localDate).toBe('2028-02-29');
  });

  it('is undefined for a trait that is not a date', () => {
    expect(nextBirthdayOccurrence(19901124, '09:00', 'UTC', now)).toBeUndefined();
    expect(nextBirthdayOccurrence('13-45', '09:00', 'UTC', now)).toBeUndefined();
    expect(nextBirthdayOccurrence(undefined, '09:00', 'UTC', now)).toBeUndefined();
  });
});
