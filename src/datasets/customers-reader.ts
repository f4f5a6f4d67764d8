import { createHash } from 'node:crypto';
import { Errors } from '../shared/errors.js';
import { requireId, RowProblem } from './cell-parsers.js';
import { csvRecords, type CsvRecord } from './csv-records.js';
import { mapRecords } from './dataset-rows.js';
import { cellValue, clashingPaths, dottedPath, placeAt } from './dotted-columns.js';
import { openTextLines } from './open-text-lines.js';
import { parseJsonLines } from '../shared/json-lines.js';
import type { ReadRow, SegmentMessage } from './segment-message.js';
import { sniffLines } from './sniff-lines.js';

const USER_ID_HEADERS = new Set(['userid', 'user_id']);

/**
 * Reads a customers file for `kairos import customers`, CSV with a header or JSONL (gzipped or not),
 * as one identify message per customer: `userId` is required, every other field is a trait (email,
 * phone and loyaltyId are also identifiers to Kairos). The messageId is `customer-<userId>-<sha1 of
 * the row>`: importing the same file twice stores nothing new, a changed row is a new identify.
 *
 * CSV cells stay text (phone numbers and zip codes only look numeric) except 'true'/'false', and
 * dotted columns nest, so `consent.email` = true gives consent; a `traits.` prefix is accepted.
 *
 * @example
 * // userId,email,firstName,consent.email
 * // c-1,ada@example.com,Ada,true
 * for await (const row of readCustomersFile('customers.csv')) if (row.message) send(row.message);
 * // → { type: 'identify', userId: 'c-1', traits: { email: 'ada@example.com', firstName: 'Ada', consent: { email: true } }, messageId: 'customer-c-1-…' }
 */
export async function* readCustomersFile(file: string): AsyncGenerator<ReadRow<SegmentMessage>> {
  const [first] = await sniffLines(file, 1);
  if (first?.text.trimStart().startsWith('{')) yield* readCustomersJsonl(file);
  else yield* readCustomersCsv(file);
}

type CustomerColumn = { userId: true } | { path: string[] };

async function* readCustomersCsv(file: string): AsyncGenerator<ReadRow<SegmentMessage>> {
  const records = csvRecords(openTextLines(file));
  try {
    const columns = await readCustomersHeader(records, file);
    yield* mapRecords(records, (cells) => {
      if (cells.length !== columns.length) throw new RowProblem('row', `has ${cells.length} columns; the header has ${columns.length}`);
      let userId: string | undefined;
      const traits: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        const cell = cells[index] ?? '';
        if ('userId' in column) userId = cell;
        else if (cell !== '') placeAt(traits, column.path, cellValue(cell, 'boolean'));
      });
      return customerMessage(userId, traits);
    });
  } finally {
    await records.return(undefined);
  }
}

async function readCustomersHeader(records: AsyncIterator<CsvRecord>, file: string): Promise<CustomerColumn[]> {
  const first = await records.next();
  if (first.done || 'error' in first.value) throw Errors.badFile(file, 'the header line cannot be read; a customers CSV starts with a header such as userId,email,phone,firstName');
  const headers = first.value.cells;
  const columns = headers.map((header): CustomerColumn => {
    if (USER_ID_HEADERS.has(header.toLowerCase())) return { userId: true };
    const dotted = dottedPath(header.replace(/^traits\./, ''));
    if ('problem' in dotted) throw Errors.badFile(file, dotted.problem);
    return dotted;
  });
  if (columns.filter((column) => 'userId' in column).length !== 1) {
    throw Errors.badFile(file, `the header needs exactly one "userId" column (it has: ${headers.join(', ')}); is the file comma-separated?`);
  }
  const traitColumns = columns.flatMap((column, index) => ('path' in column ? [{ path: column.path, header: headers[index] }] : []));
  const clash = clashingPaths(traitColumns.map((column) => column.path));
  if (clash) throw Errors.badFile(file, `columns "${traitColumns[clash[0]]?.header}" and "${traitColumns[clash[1]]?.header}" write the same trait; keep one`);
  return columns;
}

async function* readCustomersJsonl(file: string): AsyncGenerator<ReadRow<SegmentMessage>> {
  for await (const row of parseJsonLines(openTextLines(file), file, 'one customer object per line')) {
    if (row.error) {
      yield { line: row.line, error: row.error };
      continue;
    }
    const { line, value } = row;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: { field: 'row', problem: 'is not a JSON object with one customer' } };
      continue;
    }
    // Flat fields and a nested `traits` object are both common in exports; both become traits.
    const { userId, traits, ...rest } = value as Record<string, unknown>;
    const nested = typeof traits === 'object' && traits !== null && !Array.isArray(traits) ? (traits as Record<string, unknown>) : {};
    const id = typeof userId === 'number' && Number.isSafeInteger(userId) ? String(userId) : userId;
    if (id !== undefined && id !== null && typeof id !== 'string') {
      yield { line, error: { field: 'userId', problem: `is ${JSON.stringify(id)}; give it as a string` } };
      continue;
    }
    let message: SegmentMessage;
    try {
      message = customerMessage(id ?? undefined, { ...rest, ...nested });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      yield { line, error: { field: error.field, problem: error.problem } };
      continue;
    }
    yield { line, message };
  }
}

function customerMessage(rawUserId: string | undefined, traits: Record<string, unknown>): SegmentMessage {
  if (rawUserId === undefined || rawUserId.trim() === '') throw new RowProblem('userId', 'is missing; every customer needs the userId that their events carry');
  const userId = requireId(rawUserId, 'userId');
  const rowHash = createHash('sha1').update(canonicalJson({ userId, traits })).digest('hex');
  // A messageId has at most 256 characters; a long userId is hashed rather than making the row fail.
  const idPart = userId.length <= 180 ? userId : createHash('sha1').update(userId).digest('hex');
  return { type: 'identify', userId, traits, messageId: `customer-${idPart}-${rowHash}` };
}

/** JSON with object keys sorted, so the same customer written with columns in another order hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
