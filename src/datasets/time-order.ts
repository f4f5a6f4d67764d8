import { Errors } from '../shared/errors.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

/**
 * How many messages `sortByTimestamp` holds. They are kept as UTF-8 JSON in large shared buffers
 * (measured: about 260 bytes per Taobao row, so some 1.3 GB at the cap) because message objects,
 * or even one string per message, take more memory and give the garbage collector millions of
 * objects to walk.
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
  const store = new MessageStore();
  for await (const row of rows) {
    if (!row.message) {
      yield row;
      continue;
    }
    if (store.size === maxRows) throw tooManyRows(options.source ?? 'the file', maxRows);
    store.add(row.line, messageTime(row.message), row.message);
  }
  yield* store.sorted();
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

const CHUNK_BYTES = 32 * 1024 * 1024;

/** Messages as JSON bytes in 32 MB chunks, with their line, time and place in parallel typed arrays. */
class MessageStore {
  size = 0;
  private readonly chunks: Buffer[] = [];
  private used = CHUNK_BYTES;
  private lines = new Uint32Array(1024);
  private times = new Float64Array(1024);
  private chunkOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);

  add(line: number, time: number, message: SegmentMessage): void {
    const json = Buffer.from(JSON.stringify(message));
    if (this.used + json.length > CHUNK_BYTES) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK_BYTES, json.length)));
      this.used = 0;
    }
    json.copy(this.chunks.at(-1) as Buffer, this.used);
    if (this.size === this.lines.length) this.grow();
    const index = this.size++;
    this.lines[index] = line;
    this.times[index] = time;
    this.chunkOf[index] = this.chunks.length - 1;
    this.startOf[index] = this.used;
    this.lengthOf[index] = json.length;
    this.used += json.length;
  }

  *sorted(): Generator<ReadRow<SegmentMessage>> {
    const { times } = this;
    const order = new Uint32Array(this.size).map((_, index) => index);
    // Comparing indexes on ties keeps the sort stable whatever the engine's sort is.
    order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    for (const index of order) {
      const chunk = this.chunks[this.chunkOf[index] as number] as Buffer;
      const start = this.startOf[index] as number;
      const text = chunk.toString('utf8', start, start + (this.lengthOf[index] as number));
      yield { line: this.lines[index] as number, message: JSON.parse(text) as SegmentMessage };
    }
  }

  private grow(): void {
    const double = <T extends Uint32Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.lines = double(this.lines, new Uint32Array(this.lines.length * 2));
    this.times = double(this.times, new Float64Array(this.times.length * 2));
    this.chunkOf = double(this.chunkOf, new Uint32Array(this.chunkOf.length * 2));
    this.startOf = double(this.startOf, new Uint32Array(this.startOf.length * 2));
    this.lengthOf = double(this.lengthOf, new Uint32Array(this.lengthOf.length * 2));
  }
}

function tooManyRows(source: string, maxRows: number) {
  return Errors.badFile(
    source,
    `is not in time order and has more than ${maxRows.toLocaleString('en-US')} events, too many to sort in memory; ` +
      'sort it by time first and replay the sorted file (for Taobao UserBehavior: sort -s -t, -k5,5n UserBehavior.csv > sorted.csv)',
  );
}
