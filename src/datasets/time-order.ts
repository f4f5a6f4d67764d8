import { Errors } from '../shared/errors.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

/**
 * How many messages `sortByTimestamp` holds. They are kept as JSON text (about 220 bytes each for a
 * Taobao row, so some 1.1 GB at the cap) because message objects take two to three times as much.
 */
export const MAX_SORTED_ROWS = 5_000_000;

export interface SortOptions {
  /** Names the file in the error when there are too many rows. */
  source?: string;
  /** Defaults to MAX_SORTED_ROWS; lower in tests. */
  maxRows?: number;
}

/**
 * The message's time in epoch ms: `timestamp`, else `originalTimestamp`, as ISO-8601 or epoch ms.
 * A message without a readable time gets +Infinity: the server stamps it on arrival, so it goes last.
 */
export function messageTime(message: SegmentMessage): number {
  const raw = message.timestamp ?? message.originalTimestamp;
  const time = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(time) ? time : Number.POSITIVE_INFINITY;
}

/**
 * Whether the messages of `rows` are in non-decreasing time order. Streams with constant memory and
 * stops at the first message earlier than the one before, so a file grouped by user (Taobao) is
 * found out within its first few users; an ordered file is read to its end.
 *
 * @example
 * await isTimeOrdered(readClickstream('samples/rees46-head-5000.csv.gz')) // → true
 */
export async function isTimeOrdered(rows: AsyncIterable<ReadRow<SegmentMessage>>): Promise<boolean> {
  let latest = Number.NEGATIVE_INFINITY;
  for await (const row of rows) {
    if (!row.message) continue;
    const time = messageTime(row.message);
    if (time < latest) return false;
    latest = time;
  }
  return true;
}

/**
 * Yields the rows of `rows` in time order: error rows as soon as they are read (they have no time
 * and are reported as they are met), then every message sorted by time, ties in file order. Holds
 * all messages, so above `maxRows` it throws `Errors.badFile` asking for a file sorted beforehand.
 *
 * @example
 * for await (const row of sortByTimestamp(readClickstream('UserBehavior.csv'), { source: 'UserBehavior.csv' })) send(row);
 */
export async function* sortByTimestamp(rows: AsyncIterable<ReadRow<SegmentMessage>>, options: SortOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const maxRows = options.maxRows ?? MAX_SORTED_ROWS;
  const texts: string[] = [];
  let lines = new Uint32Array(1024);
  let times = new Float64Array(1024);
  for await (const row of rows) {
    if (!row.message) {
      yield row;
      continue;
    }
    if (texts.length === maxRows) throw tooManyRows(options.source ?? 'the file', maxRows);
    if (texts.length === times.length) {
      lines = grown(lines, new Uint32Array(lines.length * 2));
      times = grown(times, new Float64Array(times.length * 2));
    }
    lines[texts.length] = row.line;
    times[texts.length] = messageTime(row.message);
    texts.push(JSON.stringify(row.message));
  }
  const order = new Uint32Array(texts.length).map((_, index) => index);
  // Comparing indexes on ties keeps the sort stable whatever the engine's sort is.
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  for (const index of order) {
    const text = texts[index] as string;
    // Freed as it goes, so memory falls while the sorted rows are sent.
    texts[index] = '';
    yield { line: lines[index] as number, message: JSON.parse(text) as SegmentMessage };
  }
}

/**
 * The rows of a file in time order, buffering only when it must: a first pass checks the order, and
 * an ordered file (REES46) is then streamed as it is; any other is sorted by `sortByTimestamp`.
 * `open` is called once or twice, so it must read the same file each time.
 *
 * @example
 * for await (const row of inTimeOrder(() => readClickstream(file), { source: file })) send(row);
 */
export async function* inTimeOrder(open: () => AsyncIterable<ReadRow<SegmentMessage>>, options: SortOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  if (await isTimeOrdered(open())) yield* open();
  else yield* sortByTimestamp(open(), options);
}

function grown<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function tooManyRows(source: string, maxRows: number) {
  return Errors.badFile(
    source,
    `is not in time order and has more than ${maxRows.toLocaleString('en-US')} events, too many to sort in memory; ` +
      'sort it by time first and replay the sorted file (for Taobao UserBehavior: sort -s -t, -k5,5n UserBehavior.csv > sorted.csv)',
  );
}
