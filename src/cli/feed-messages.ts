import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { ReadRow, SegmentMessage } from '../datasets/segment-message.js';
import { messageTime } from '../datasets/time-order.js';
import type { RowTally } from './row-tally.js';

export interface FeedOptions {
  /** Messages per call into the ingestion path. */
  batchSize?: number;
  /** Replay at this many times real time (event time gaps divided by it); as fast as possible when absent. */
  speedup?: number;
  onBatch?: () => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Sends the rows of a file through the same ingestion path as the HTTP API, in order, a batch at a
 * time. Rows the reader could not map and messages the ingestion path refused are tallied with their
 * line; each row is one message, validated whole, so no row is ever half imported.
 */
export async function feedMessages(rows: AsyncIterable<ReadRow<SegmentMessage>>, ingestion: IngestionService, tally: RowTally, options: FeedOptions = {}): Promise<void> {
  const batchSize = options.batchSize ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  let batch: SegmentMessage[] = [];
  let batchLines: number[] = [];
  let firstEventAt: number | undefined;
  const startedAt = now();

  const flush = async () => {
    if (batch.length === 0) return;
    const outcome = await ingestion.ingest(batch);
    tally.accepted += outcome.accepted;
    tally.duplicates += outcome.duplicates;
    const refused = new Set<number>();
    for (const detail of outcome.rejected) {
      if (detail.index === undefined || refused.has(detail.index)) continue;
      refused.add(detail.index);
      tally.reject(batchLines[detail.index]!, detail.field ?? '(row)', detail.problem);
    }
    batch = [];
    batchLines = [];
    options.onBatch?.();
  };

  for await (const row of rows) {
    tally.rows++;
    if (row.error || !row.message) {
      tally.reject(row.line, row.error?.field ?? '(row)', row.error?.problem ?? 'could not be read');
      continue;
    }
    if (options.speedup !== undefined) {
      const eventAt = messageTime(row.message);
      if (Number.isFinite(eventAt)) {
        firstEventAt ??= eventAt;
        const due = startedAt + (eventAt - firstEventAt) / options.speedup;
        const wait = due - now();
        if (wait > 0) {
          await flush();
          await sleep(wait);
        }
      }
    }
    batch.push(row.message);
    batchLines.push(row.line);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
}
