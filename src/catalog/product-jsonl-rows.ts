import { Errors } from '../shared/errors.js';
import { validateProductRow, type ProductFileRow } from './product-row-validator.js';

const MAX_LINE_CHARS = 1 << 20;

/**
 * Rows of a JSONL products file: one JSON object per line with `id` and the fields of the PUT body.
 * A numeric id is taken as its decimal string, as events do. Blank lines are skipped. A first line
 * that is not JSON means the file is not JSONL at all and is refused as a whole.
 */
export async function* jsonlProductRows(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<ProductFileRow> {
  let sawJson = false;
  for await (const { line, text } of lines(source, fileName)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      if (!sawJson) throw Errors.badFile(fileName, `line ${line} is not JSON (${error.message}); JSONL has one product object per line`);
      yield { line, error: { field: 'row', problem: `is not valid JSON: ${error.message}` } };
      continue;
    }
    sawJson = true;
    yield { line, ...validateProductRow(withStringId(value)) };
  }
}

function withStringId(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('id' in value)) return value;
  return typeof value.id === 'number' && Number.isSafeInteger(value.id) ? { ...value, id: String(value.id) } : value;
}

/** Splits a byte stream into lines, decoding UTF-8 across chunk boundaries (TextDecoder also drops a BOM); drops the \r of CRLF. */
async function* lines(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
      yield { line: ++line, text: pending.slice(start, newline).replace(/\r$/, '') };
      start = newline + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) throw Errors.badFile(fileName, `line ${line + 1} is longer than ${MAX_LINE_CHARS} characters`);
  }
  pending += decoder.decode();
  if (pending !== '') yield { line: ++line, text: pending.replace(/\r$/, '') };
}
