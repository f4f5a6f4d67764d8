import { Errors } from '../shared/errors.js';
import { formatOfFirstLine } from './clickstream-format.js';
import type { DatasetReadOptions } from './dataset-rows.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';
import { readSegmentCsv } from './segment-csv-reader.js';
import { readSegmentJsonl } from './segment-jsonl-reader.js';
import { sniffLines } from './sniff-lines.js';

const DATASET_NAMES: Record<string, string> = { taobao: 'Taobao UserBehavior', rees46: 'REES46', retailrocket: 'RetailRocket' };

/**
 * Reads a Segment events file for `kairos import events`: JSONL (one message per line) or CSV with
 * Segment columns (see `readSegmentCsv`), gzipped or not, told apart by the first line. A public
 * data set's clickstream is refused with a pointer to the replay, which maps and orders it.
 *
 * @example
 * for await (const row of readEventsFile('events.csv')) if (row.message) send(row.message);
 */
export async function* readEventsFile(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const [first] = await sniffLines(file, 1);
  const format = formatOfFirstLine(first?.text.replace(/^\uFEFF/, '').trim() ?? '');
  if (format === 'segment-jsonl') {
    yield* readSegmentJsonl(file, options);
    return;
  }
  const dataset = format === undefined ? undefined : DATASET_NAMES[format];
  if (dataset !== undefined) throw Errors.badFile(file, `is a ${dataset} clickstream, not Segment events; replay it (kairos replay) to map it to events`);
  yield* readSegmentCsv(file, options);
}
