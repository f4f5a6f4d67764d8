import { parseJsonLines } from '../shared/json-lines.js';
import { splitLines } from '../shared/text-lines.js';
import { validateProductRow, type ProductFileRow } from './product-row-validator.js';

/**
 * Rows of a JSONL products file: one JSON object per line with `id` and the fields of the PUT body.
 * A numeric id is taken as its decimal string, as events do. Blank lines are skipped. A first line
 * that is not JSON means the file is not JSONL at all and is refused as a whole.
 */
export async function* jsonlProductRows(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<ProductFileRow> {
  for await (const row of parseJsonLines(splitLines(source, fileName), fileName, 'one product object per line')) {
    if (row.error) {
      yield { line: row.line, error: row.error };
      continue;
    }
    const { line, value } = row;
    yield { line, ...validateProductRow(withStringId(value)) };
  }
}

function withStringId(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('id' in value)) return value;
  return typeof value.id === 'number' && Number.isSafeInteger(value.id) ? { ...value, id: String(value.id) } : value;
}
