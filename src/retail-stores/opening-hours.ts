import { WEEKDAYS, type RetailStore, type Weekday } from './retail-store.js';

/**
 * Whether the store is open at `now` in its time zone: undefined when its hours are not known.
 * A range may close at 24:00; a range that closes before it opens (22:00-02:00) runs past midnight
 * into the next day.
 */
export function isOpenAt(store: Pick<RetailStore, 'openingHours' | 'timeZone'>, now: number, defaultTimeZone: string): boolean | undefined {
  if (store.openingHours === undefined) return undefined;
  const { weekday, minute } = localWeekMinute(now, store.timeZone ?? defaultTimeZone);
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7]!;
  for (const range of store.openingHours[weekday] ?? []) {
    const [opens, closes] = parseRange(range);
    if (closes > opens ? minute >= opens && minute < closes : minute >= opens) return true;
  }
  for (const range of store.openingHours[yesterday] ?? []) {
    const [opens, closes] = parseRange(range);
    if (closes <= opens && minute < closes) return true;
  }
  return false;
}

function parseRange(range: string): [number, number] {
  const [opens, closes] = range.split('-').map((time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
  return [opens!, closes!];
}

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

function localWeekMinute(now: number, timeZone: string): { weekday: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const value = (type: string) => parts.find((part) => part.type === type)!.value;
  return { weekday: WEEKDAY_BY_SHORT_NAME[value('weekday')]!, minute: Number(value('hour')) * 60 + Number(value('minute')) };
}
