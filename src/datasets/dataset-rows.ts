import { Errors } from '../shared/errors.js';
import { RowProblem } from './cell-parsers.js';
import type { CsvRecord } from './csv-records.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

/** Options every dataset reader takes. */
export interface DatasetReadOptions {
  /**
   * Start of the deterministic messageIds (`<prefix>-<line>`), the format's name by default. Two
   * different files of one format (REES46 October and November) need different prefixes, or the
   * server takes the second file's rows for replays of the first's.
   */
  messageIdPrefix?: string;
}

/**
 * Maps CSV records to messages with `map`; a `RowProblem` it throws becomes the row's error, so a row
 * is either a complete message or an error, never half of one.
 */
export async function* mapRecords(
  records: AsyncIterable<CsvRecord>,
  map: (cells: string[], line: number) => SegmentMessage,
): AsyncGenerator<ReadRow<SegmentMessage>> {
  for await (const record of records) {
    if ('error' in record) {
      yield { line: record.line, error: record.error };
      continue;
    }
    let message: SegmentMessage;
    try {
      message = map(record.cells, record.line);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      yield { line: record.line, error: { field: error.field, problem: error.problem } };
      continue;
    }
    yield { line: record.line, message };
  }
}

/**
 * Reads the header record of a dataset file: the position of each expected column (matched
 * case-insensitively, in any order) and how many columns rows must have. A missing column throws
 * `Errors.badFile` spelling the format's header, since a wrong header means the file is something else.
 */
export async function readDatasetHeader<Column extends string>(
  records: AsyncIterator<CsvRecord>,
  file: string,
  formatName: string,
  columns: readonly Column[],
): Promise<{ columns: Record<Column, number>; count: number }> {
  const first = await records.next();
  const expected = columns.join(',');
  if (first.done) throw Errors.badFile(file, `is empty; a ${formatName} file starts with the header ${expected}`);
  if ('error' in first.value) throw Errors.badFile(file, `the header line cannot be read: ${first.value.error.problem}`);
  const names = first.value.cells.map((cell) => cell.trim().toLowerCase());
  const positions = {} as Record<Column, number>;
  for (const column of columns) {
    const position = names.indexOf(column);
    if (position < 0) throw Errors.badFile(file, `the header has no "${column}" column; a ${formatName} file starts with ${expected}`);
    positions[column] = position;
  }
  return { columns: positions, count: names.length };
}

/** The cells of a row must be as many as the header's, or the columns are shifted and nothing is safe to read. */
export function requireCellCount(cells: string[], count: number, formatName: string, columns: string): void {
  if (cells.length !== count) {
    throw new RowProblem('row', `has ${cells.length} columns; ${formatName} rows have ${count} (${columns})`);
  }
}
