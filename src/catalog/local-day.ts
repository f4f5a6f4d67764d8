import { Errors } from '../shared/errors.js';

/**
 * Returns a function giving the start (epoch ms) of the local calendar day an instant falls in, in an
 * IANA time zone. Uses Intl so that no time-zone database is bundled. Throws `Errors.invalidConfig` for
 * a zone Intl does not know, so a typo fails at start-up rather than on the first read.
 *
 * @example
 * const startOfDay = startOfLocalDayIn('Europe/Berlin');
 * startOfDay(Date.parse('2024-01-15T10:00:00Z')) // → Date.parse('2024-01-14T23:00:00Z')
 */
export function startOfLocalDayIn(timeZone: string): (epochMs: number) => number {
  const format = wallClockFormat(timeZone);
  const offsetAt = (epochMs: number): number => {
    const wall = wallClock(format, epochMs);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(epochMs / 1000) * 1000;
  };
  const compute = (epochMs: number): number => {
    const today = wallClock(format, epochMs);
    const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.day);
    const guess = midnightAsUtc - offsetAt(epochMs);
    // A second pass with the offset at midnight itself, for days whose offset changed since (DST).
    return midnightAsUtc - offsetAt(guess);
  };
  // Every product read asks for today's start; it changes once a day, so the current day is remembered.
  let dayStart = Number.NaN;
  let nextDayStart = Number.NaN;
  return (epochMs) => {
    if (epochMs >= dayStart && epochMs < nextDayStart) return dayStart;
    const start = compute(epochMs);
    // 36 hours after a midnight is always within the next day (days last 23 to 25 hours).
    const next = compute(start + 36 * 60 * 60 * 1000);
    if (epochMs >= start && epochMs < next) {
      dayStart = start;
      nextDayStart = next;
    }
    return start;
  };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (error) {
    if (error instanceof RangeError) {
      throw Errors.invalidConfig('timeZone', `"${timeZone}" is not an IANA time zone Node knows, e.g. Europe/Berlin or UTC`);
    }
    throw error;
  }
}

function wallClock(format: Intl.DateTimeFormat, epochMs: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}
