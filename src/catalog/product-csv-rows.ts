import { CsvError, parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { Errors } from '../shared/errors.js';
import { validateProductRow, type ProductFileRow, type RowValidation } from './product-row-validator.js';

type ProductField = 'id' | 'name' | 'categoryPath' | 'brand' | 'price' | 'currency' | 'inventory' | 'imageUrl';

/** Header names (case-insensitive) of the product fields; any other column is an attribute. */
const FIELD_COLUMNS: Record<string, ProductField> = {
  id: 'id',
  name: 'name',
  category_path: 'categoryPath',
  categorypath: 'categoryPath',
  category: 'categoryPath',
  brand: 'brand',
  price: 'price',
  currency: 'currency',
  inventory: 'inventory',
  image_url: 'imageUrl',
  imageurl: 'imageUrl',
};

const NUMERIC_FIELDS = new Set<ProductField>(['price', 'inventory']);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Column = { header: string; field: ProductField } | { header: string; attribute: string };

/**
 * Rows of a products CSV with a header line. Columns id, name, category_path (or category), brand,
 * price, currency, inventory and image_url fill those fields; `attr.<name>` and any other column become
 * attributes, kept as strings because a CSV cell cannot say whether "00123" is a number. An empty cell
 * means "not given". Problems name the column as the file's header spells it.
 */
export async function* csvProductRows(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<ProductFileRow> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true, max_record_size: 1 << 20 });
  // Errors of the source reach the loop below through the parser, which pipeline destroys with them.
  pipeline(Readable.from(source, { objectMode: false }), parser, () => undefined);
  let columns: Column[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line a record ends on; a quoted cell may have spanned several.
      const line = info.lines - record.reduce((newlines, cell) => newlines + (cell.split('\n').length - 1), 0);
      if (!columns) {
        columns = readHeader(record, fileName);
        continue;
      }
      yield { line, ...rowFrom(record, columns) };
    }
  } catch (error) {
    if (error instanceof CsvError) throw Errors.badFile(fileName, `is not valid CSV: ${error.message}`);
    throw error;
  }
  if (!columns) throw Errors.badFile(fileName, 'is empty; a products CSV starts with a header line such as id,name,price');
}

function readHeader(cells: string[], fileName: string): Column[] {
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  cells.forEach((header, index) => {
    const lower = header.toLowerCase();
    if (header === '' || lower === 'attr.') throw Errors.badFile(fileName, `column ${index + 1} of the header has no name; name it or remove it`);
    const field = FIELD_COLUMNS[lower];
    const column: Column = lower.startsWith('attr.') ? { header, attribute: header.slice(5) } : field ? { header, field } : { header, attribute: header };
    const target = 'field' in column ? column.field : `attributes.${column.attribute}`;
    const earlier = seen.get(target);
    if (earlier !== undefined) throw Errors.badFile(fileName, `columns "${earlier}" and "${header}" both give ${target}; keep one`);
    seen.set(target, header);
    columns.push(column);
  });
  for (const required of ['id', 'name'] as const) {
    if (!seen.has(required)) {
      throw Errors.badFile(fileName, `the CSV header has no "${required}" column (it has: ${cells.join(', ')}); is the file comma-separated?`);
    }
  }
  return columns;
}

function rowFrom(record: string[], columns: Column[]): RowValidation {
  if (record.length !== columns.length) {
    return { error: { field: 'row', problem: `has ${record.length} cells; the header has ${columns.length}` } };
  }
  const row: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  columns.forEach((column, index) => {
    const cell = record[index] ?? '';
    if ('attribute' in column) {
      if (cell !== '') attributes[column.attribute] = cell;
    } else if (cell !== '' || column.field === 'id' || column.field === 'name') {
      // Numbers are converted only when they look like one; anything else is left for the schema to refuse.
      row[column.field] = NUMERIC_FIELDS.has(column.field) && DECIMAL.test(cell) ? Number(cell) : cell;
    }
  });
  row.attributes = attributes;
  const result = validateProductRow(row);
  if (!result.error) return result;
  return { error: { ...result.error, field: columnOf(result.error.field, columns) } };
}

/** The header spelling of a product field, so the person fixing the file finds the column. */
function columnOf(field: string, columns: Column[]): string {
  const column = columns.find((candidate) =>
    'field' in candidate ? candidate.field === field : `attributes.${candidate.attribute}` === field,
  );
  return column?.header ?? field;
}
