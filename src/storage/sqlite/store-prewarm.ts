import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SqliteDatabase } from './open-database.js';

/**
 * A structure every decision and every event reads at random, walked in key order a chunk at a time:
 * `start` binds the first chunk; `next` takes the last row of a chunk and binds the one after it.
 */
interface Walk {
  name: string;
  sql: string;
  start: unknown[];
  next: (last: Record<string, unknown>) => unknown[];
}

const WALKS: readonly Walk[] = [
  {
    // The identifier → profile B-tree (a WITHOUT ROWID table): every decision's and event's first lookup.
    name: 'identities',
    sql: 'SELECT type, value FROM identities WHERE (type, value) > (?, ?) ORDER BY type, value LIMIT ?',
    start: ['', ''],
    next: (last) => [last.type, last.value],
  },
  {
    // The profile id → row index, then the rows that hold the states.
    name: 'profiles_by_id',
    sql: 'SELECT id FROM profiles INDEXED BY sqlite_autoindex_profiles_1 WHERE id > ? ORDER BY id LIMIT ?',
    start: [''],
    next: (last) => [last.id],
  },
  {
    // The state column keeps the walk on the table itself: rowids alone could be read from the id index.
    name: 'profiles',
    sql: 'SELECT rowid AS position, length(state) FROM profiles WHERE rowid > ? ORDER BY rowid LIMIT ?',
    start: [0],
    next: (last) => [last.position],
  },
];

export interface PrewarmOptions {
  /** Rows read between two turns of the event loop: a request waits at most for one chunk (~2 ms at 10,000). */
  chunkRows?: number;
  /** A store file larger than this is not prewarmed: mapping more than memory holds would only evict itself. */
  maxBytes?: number;
  /** Stops the walk between chunks (the store is closing). */
  signal?: AbortSignal;
}

export interface PrewarmReport {
  /** Rows walked per structure, in walk order. */
  structures: Array<{ name: string; rows: number }>;
  ms: number;
  /** Why nothing, or not everything, was walked. */
  skipped?: string;
}

const DEFAULT_CHUNK_ROWS = 10_000;

/**
 * Reads every page of the identities B-tree, the profiles' id index and the profiles table once, so
 * that this connection's memory map holds them before shoppers arrive: the same idea as PostgreSQL's
 * pg_prewarm. Without it, each of a fresh server's first million decisions pays the page faults of
 * three random pages (a random profile read p50 45 µs, 28 µs once they are mapped; session 18 in
 * docs/benchmarks.md), and the first minutes after a restart run slower than the rest of the day.
 * The walk runs a chunk at a time between requests, and is skipped when the store outgrows half the
 * machine's memory.
 */
export async function prewarmStore(db: SqliteDatabase, options: PrewarmOptions = {}): Promise<PrewarmReport> {
  const started = performance.now();
  const structures: PrewarmReport['structures'] = [];
  const report = (skipped?: string): PrewarmReport => ({ structures, ms: Math.round(performance.now() - started), ...(skipped !== undefined ? { skipped } : {}) });
  if (db.memory) return report('the store is in memory');
  const maxBytes = options.maxBytes ?? totalmem() / 2;
  const bytes = statSync(db.name).size;
  if (bytes > maxBytes) return report(`the store (${megabytes(bytes)} MB) is larger than ${megabytes(maxBytes)} MB, half the machine's memory`);
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  for (const walk of WALKS) {
    const statement = db.prepare(walk.sql);
    const walked = { name: walk.name, rows: 0 };
    structures.push(walked);
    let bindings = walk.start;
    for (;;) {
      if (options.signal?.aborted) return report('the store was closed');
      const rows = statement.all(...bindings, chunkRows) as Array<Record<string, unknown>>;
      walked.rows += rows.length;
      if (rows.length < chunkRows) break;
      bindings = walk.next(rows[rows.length - 1]!);
      await nextTurn();
    }
  }
  return report();
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
