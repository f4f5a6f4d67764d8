import { parseJsonLines } from '../shared/json-lines.js';
import type { DatasetReadOptions } from './dataset-rows.js';
import { openTextLines } from './open-text-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

/**
 * Reads Segment messages written one JSON object per line (what Segment's own archives and most
 * event exports look like). Objects pass through unchanged, except that one without a `messageId`
 * gets `<prefix>-<line>` so that replaying the file twice does not store it twice. Blank lines are
 * skipped; a line that is not a JSON object is an error row. A first line that is not JSON at all
 * means the file is something else and throws `Errors.badFile`.
 *
 * @example
 * for await (const row of readSegmentJsonl('export.jsonl.gz')) if (row.message) send(row.message);
 */
export async function* readSegmentJsonl(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const prefix = options.messageIdPrefix ?? 'segment-jsonl';
  for await (const row of parseJsonLines(openTextLines(file), file, 'one message object per line')) {
    if (row.error) {
      yield { line: row.line, error: row.error };
      continue;
    }
    const { line, value } = row;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: { field: 'row', problem: `is ${describeJson(value)}, not a JSON object with one message` } };
      continue;
    }
    const message = value as SegmentMessage;
    yield { line, message: message.messageId === undefined ? { ...message, messageId: `${prefix}-${line}` } : message };
  }
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
