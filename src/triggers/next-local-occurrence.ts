import { startOfLocalDayIn } from '../catalog/local-day.js';
import { localTime } from '../profiles/profile-view.js';

const DAY_AND_A_HALF_MS = 36 * 60 * 60 * 1000;

/**
 * The next instant after `now` at which the wall clock in `timeZone` shows `hourMinute` (HH:MM), and
 * that local date (YYYY-MM-DD).
 */
export function nextLocalOccurrence(hourMinute: string, timeZone: string, now: number): { at: number; localDate: string } {
  const startOfDay = startOfLocalDayIn(timeZone);
  let dayStart = startOfDay(now);
  let at = wallClockOn(dayStart, hourMinute, timeZone);
  if (at <= now) {
    dayStart = startOfDay(dayStart + DAY_AND_A_HALF_MS);
    at = wallClockOn(dayStart, hourMinute, timeZone);
  }
  return { at, localDate: localDateOf(dayStart + DAY_AND_A_HALF_MS / 3, timeZone) };
}

/**
 * The instant the day starting at `dayStart` shows `hourMinute` on the zone's clocks: counted from
 * midnight, then corrected by what the clock shows then, for the days the clocks change.
 */
function wallClockOn(dayStart: number, hourMinute: string, timeZone: string): number {
  const wanted = Number(hourMinute.slice(0, 2)) * 60 + Number(hourMinute.slice(3, 5));
  const guess = dayStart + wanted * 60_000;
  const shown = localTime(timeZone, guess)!.time;
  const drift = ((Number(shown.slice(0, 2)) * 60 + Number(shown.slice(3, 5)) - wanted + 720 + 1440) % 1440) - 720;
  return guess - drift * 60_000;
}

/**
 * The next birthday morning: the first instant after `now` when it is `hourMinute` on the birthday's
 * month and day in `timeZone` (this year or next; 29 February is kept on the 28th in other years).
 * Undefined when the trait is not a date.
 */
export function nextBirthdayOccurrence(birthday: unknown, hourMinute: string, timeZone: string, now: number): { at: number; localDate: string } | undefined {
  const monthDay = birthdayMonthDay(birthday);
  if (monthDay === undefined) return undefined;
  const startOfDay = startOfLocalDayIn(timeZone);
  const todayStart = startOfDay(now);
  const today = localDateOf(todayStart + DAY_AND_A_HALF_MS / 3, timeZone);
  const todayUtc = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
  for (const year of [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]) {
    const day = monthDay.month === 2 && monthDay.day === 29 && !isLeapYear(year) ? 28 : monthDay.day;
    const days = Math.round((Date.UTC(year, monthDay.month - 1, day) - todayUtc) / 86_400_000);
    if (days < 0) continue;
    // Noon of the target day, then back to its midnight: whole days of 23 or 25 hours cannot shift it.
    const dayStart = startOfDay(todayStart + days * 86_400_000 + DAY_AND_A_HALF_MS / 3);
    const at = wallClockOn(dayStart, hourMinute, timeZone);
    if (at > now) return { at, localDate: localDateOf(dayStart + DAY_AND_A_HALF_MS / 3, timeZone) };
  }
  return undefined;
}

function birthdayMonthDay(birthday: unknown): { month: number; day: number } | undefined {
  if (typeof birthday !== 'string') return undefined;
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})/.exec(birthday.trim());
  if (!match) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { month, day } : undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** YYYY-MM-DD of an instant in a zone (noon-ish of the day is passed, so no edge lands on midnight). */
function localDateOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
