import { Errors } from '../shared/errors.js';
import { RowProblem } from './cell-parsers.js';
import { csvRecords, type CsvRecord } from './csv-records.js';
import { mapRecords, type DatasetReadOptions } from './dataset-rows.js';
import { cellValue, clashingPaths, dottedPath, placeAt, type CellKind } from './dotted-columns.js';
import { openTextLines } from './open-text-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';

/** Top-level Segment fields a column may fill, matched case-insensitively. */
const TOP_LEVEL_FIELDS = ['type', 'event', 'name', 'category', 'userId', 'anonymousId', 'messageId', 'timestamp', 'originalTimestamp', 'sentAt', 'groupId', 'previousId', 'channel'];
const TOP_LEVEL_BY_LOWER = new Map(TOP_LEVEL_FIELDS.map((field) => [field.toLowerCase(), field]));
const TIME_FIELDS = new Set(['timestamp', 'originalTimestamp', 'sentAt']);

/**
 * Properties and context carry amounts and coordinates, so numbers are read there; traits keep their
 * text (a phone number or zip code only looks numeric) but read booleans, which is how consent is
 * given (`traits.consent.email`); integrations are Segment's `{ "Mixpanel": false }`.
 */
const KIND_BY_OBJECT: Readonly<Record<string, CellKind>> = { properties: 'typed', context: 'typed', traits: 'boolean', integrations: 'boolean' };

type Column = { header: string; path: string[]; kind: CellKind | 'time' };

const EXAMPLE_HEADER = 'type,event,userId,anonymousId,messageId,timestamp,properties.product_id';

/**
 * Reads Segment messages from a CSV for `kairos import events`: a header naming top-level fields
 * (type, event, name, userId, anonymousId, messageId, timestamp, …) and dotted columns
 * (`properties.price`, `traits.email`, `context.page.path`) nested at the dots. Empty cells are left
 * out. `type` defaults to track when the row names an event; a missing messageId becomes
 * `<prefix>-<line>` so that importing the file twice stores it once; a timestamp of digits is epoch
 * milliseconds. Arrays (an order's products) cannot be written as columns: use Segment JSONL for those.
 *
 * @example
 * // type,event,userId,timestamp,properties.product_id,properties.price
 * // track,Product Viewed,u1,2024-05-01T10:00:00Z,sku-1,19.90
 * for await (const row of readSegmentCsv('events.csv')) if (row.message) send(row.message);
 * // → { type: 'track', event: 'Product Viewed', userId: 'u1', messageId: 'segment-csv-2', …, properties: { product_id: 'sku-1', price: 19.9 } }
 */
export async function* readSegmentCsv(file: string, options: DatasetReadOptions = {}): AsyncGenerator<ReadRow<SegmentMessage>> {
  const prefix = options.messageIdPrefix ?? 'segment-csv';
  const records = csvRecords(openTextLines(file));
  try {
    const columns = await readSegmentHeader(records, file);
    yield* mapRecords(records, (cells, line) => {
      if (cells.length !== columns.length) throw new RowProblem('row', `has ${cells.length} columns; the header has ${columns.length}`);
      return rowToMessage(cells, columns, `${prefix}-${line}`);
    });
  } finally {
    await records.return(undefined);
  }
}

async function readSegmentHeader(records: AsyncIterator<CsvRecord>, file: string): Promise<Column[]> {
  const first = await records.next();
  if (first.done) throw Errors.badFile(file, `is empty; a Segment events CSV starts with a header such as ${EXAMPLE_HEADER}`);
  if ('error' in first.value) throw Errors.badFile(file, `the header line cannot be read: ${first.value.error.problem}`);
  const columns = first.value.cells.map((header) => columnOf(header, file));
  const clash = clashingPaths(columns.map((column) => column.path));
  if (clash) throw Errors.badFile(file, `columns "${columns[clash[0]]?.header}" and "${columns[clash[1]]?.header}" write the same field; keep one`);
  const has = (field: string) => columns.some((column) => column.path.length === 1 && column.path[0] === field);
  if (!has('type') && !has('event')) throw Errors.badFile(file, `the header has neither a "type" nor an "event" column; a Segment events CSV starts with a header such as ${EXAMPLE_HEADER}`);
  if (!has('userId') && !has('anonymousId')) throw Errors.badFile(file, 'the header has neither a "userId" nor an "anonymousId" column; every event needs one of them');
  return columns;
}

function columnOf(header: string, file: string): Column {
  const top = TOP_LEVEL_BY_LOWER.get(header.toLowerCase());
  if (top !== undefined) return { header, path: [top], kind: TIME_FIELDS.has(top) ? 'time' : 'text' };
  const dotted = dottedPath(header);
  if ('problem' in dotted) throw Errors.badFile(file, dotted.problem);
  const kind = KIND_BY_OBJECT[dotted.path[0] ?? ''];
  if (kind === undefined || dotted.path.length < 2) {
    throw Errors.badFile(file, `column "${header}" is not a Segment field; use ${TOP_LEVEL_FIELDS.join(', ')} or properties.<name>, traits.<name>, context.<name>`);
  }
  return { header, path: dotted.path, kind };
}

function rowToMessage(cells: string[], columns: Column[], defaultMessageId: string): SegmentMessage {
  const message: SegmentMessage = {};
  columns.forEach((column, index) => {
    const cell = cells[index] ?? '';
    if (cell === '') return;
    // A timestamp of digits is epoch milliseconds, which the API takes as a number.
    const value = column.kind === 'time' ? (/^\d+$/.test(cell) ? Number(cell) : cell) : cellValue(cell, column.kind);
    placeAt(message, column.path, value);
  });
  if (message.type === undefined) {
    if (message.event === undefined) throw new RowProblem('type', 'is empty and the row names no event; give a type (track, identify, page, …)');
    message.type = 'track';
  }
  message.messageId ??= defaultMessageId;
  return message;
}
