import { describe, expect, it } from 'vitest';
import { isOpenAt } from './opening-hours.js';

// 2026-11-23 is a Monday.
const at = (iso: string) => Date.parse(iso);

describe('isOpenAt', () => {
  const store = { timeZone: 'Europe/Amsterdam', openingHours: { mon: ['09:00-12:00', '13:00-18:00'], fri: ['22:00-02:00'], sat: ['10:00-24:00'] } };

  it('is open inside a range in the store’s own time zone, closed at a range’s end and on days not listed', () => {
    expect(isOpenAt(store, at('2026-11-23T08:30:00Z'), 'UTC')).toBe(true); // 09:30 in Amsterdam
    expect(isOpenAt(store, at('2026-11-23T11:30:00Z'), 'UTC')).toBe(false); // 12:30, lunch
    expect(isOpenAt(store, at('2026-11-23T17:00:00Z'), 'UTC')).toBe(false); // 18:00 exactly
    expect(isOpenAt(store, at('2026-11-24T10:00:00Z'), 'UTC')).toBe(false); // Tuesday
  });

  it('runs a range that closes before it opens past midnight, and 24:00 to the end of the day', () => {
    expect(isOpenAt(store, at('2026-11-27T21:30:00Z'), 'UTC')).toBe(true); // Fri 22:30
    expect(isOpenAt(store, at('2026-11-28T00:30:00Z'), 'UTC')).toBe(true); // Sat 01:30, Friday's range
    expect(isOpenAt(store, at('2026-11-28T01:30:00Z'), 'UTC')).toBe(false); // Sat 02:30
    expect(isOpenAt(store, at('2026-11-28T22:59:00Z'), 'UTC')).toBe(true); // Sat 23:59
  });

  it('does not know when a store has no hours, and uses the default zone when the store has none', () => {
    expect(isOpenAt({}, at('2026-11-23T12:00:00Z'), 'UTC')).toBeUndefined();
    expect(isOpenAt({ openingHours: { mon: ['09:00-10:00'] } }, at('2026-11-23T09:30:00Z'), 'UTC')).toBe(true);
  });
});
