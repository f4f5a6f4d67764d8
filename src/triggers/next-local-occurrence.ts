import { startOfLocalDayIn } from '../catalog/local-day.js';

const DAY_AND_A_HALF_MS = 36 * 60 * 60 * 1000;

/**
 * The next instant after `now` at which the wall clock in `timeZone` shows `hourMinute` (HH:MM), and
 * that local date (YYYY-MM-DD). Counted from local midnight, so on the two days a year when the
 * clocks change, a time after the change is an hour off; a morning message tolerates that.
 */
export function nextLocalOccurrence(hourMinute: string, timeZone: string, now: number): { at: number; localDate: string } {
  const startOfDay = startOfLocalDayIn(timeZone);
  const offset = (Number(hourMinute.slice(0, 2)) * 60 + Number(hourMinute.slice(3, 5))) * 60_000;
  let dayStart = startOfDay(now);
  if (dayStart + offset <= now) dayStart = startOfDay(dayStart + DAY_AND_A_HALF_MS);
  return { at: dayStart + offset, localDate: localDateOf(dayStart + DAY_AND_A_HALF_MS / 3, timeZone) };
}

/** YYYY-MM-DD of an instant in a zone (noon-ish of the day is passed, so no edge lands on midnight). */
function localDateOf(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whether a birthday trait (YYYY-MM-DD, or MM-DD) falls on a local date (YYYY-MM-DD). */
export function isBirthdayOn(birthday: unknown, localDate: string): boolean {
  if (typeof birthday !== 'string') return false;
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})/.exec(birthday.trim());
  return match !== null && `${match[1]}-${match[2]}` === localDate.slice(5);
}
