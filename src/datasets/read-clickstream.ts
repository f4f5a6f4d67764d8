import { detectClickstreamFormat, type ClickstreamFormat } from './clickstream-format.js';
import type { DatasetReadOptions } from './dataset-rows.js';
import { readRees46 } from './rees46-reader.js';
import { readRetailRocket } from './retailrocket-reader.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';
import { readSegmentCsv } from './segment-csv-reader.js';
import { readSegmentJsonl } from './segment-jsonl-reader.js';
import { readTaobao } from './taobao-reader.js';

const READERS: Record<ClickstreamFormat, (file: string, options?: DatasetReadOptions) => AsyncGenerator<ReadRow<SegmentMessage>>> = {
  taobao: readTaobao,
  rees46: readRees46,
  retailrocket: readRetailRocket,
  'segment-jsonl': readSegmentJsonl,
  'segment-csv': readSegmentCsv,
};

/**
 * Reads a clickstream file as Segment messages in file order, one `ReadRow` per line: the format
 * given, or the one its first line announces. Messages have deterministic ids (`<format>-<line>`),
 * so a second replay of the same file is deduplicated by the server. File order is not always time
 * order (Taobao is grouped by user): pass the rows through `inTimeOrder` for a replay.
 *
 * @example
 * for await (const row of readClickstream('samples/rees46-head-5000.csv.gz')) {
 *   if (row.error) report(row.line, row.error);
 *   else batch.push(row.message!);
 * }
 */
export async function* readClickstream(
  file: string,
  format?: ClickstreamFormat,
  options: DatasetReadOptions = {},
): AsyncGenerator<ReadRow<SegmentMessage>> {
  const resolved = format ?? (await detectClickstreamFormat(file));
  yield* READERS[resolved](file, options);
}
