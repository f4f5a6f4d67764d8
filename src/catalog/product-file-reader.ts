import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Errors } from '../shared/errors.js';
import { readStreamHead } from './byte-stream-head.js';
import { csvProductRows } from './product-csv-rows.js';
import { jsonlProductRows } from './product-jsonl-rows.js';
import type { ProductFileRow } from './product-row-validator.js';

export type { ProductFileRow, RowProblem } from './product-row-validator.js';

export type ProductFileFormat = 'csv' | 'jsonl';

export interface ReadProductsOptions {
  /** The format, when neither the file name nor the content should decide it. */
  format?: ProductFileFormat;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const SNIFF_LIMIT = 64 * 1024;

/**
 * Reads a products file (CSV with a header, or JSONL; gzipped or not) row by row, streaming, and
 * yields each row as a valid product or as the problem that keeps it out. A file that is not a
 * products file at all (binary, a JSON array, a CSV without an id column) throws `Errors.badFile`
 * before the first row is yielded.
 *
 * @example
 * for await (const row of readProductFile('catalog.csv.gz')) {
 *   if (row.error) console.error(`line ${row.line}: ${row.error.field}: ${row.error.problem}`);
 *   else products.push(row.product);
 * }
 */
export async function* readProductFile(path: string, options: ReadProductsOptions = {}): AsyncGenerator<ProductFileRow> {
  await assertRegularFile(path);
  const file = createReadStream(path);
  try {
    yield* readProductStream(file, path, options);
  } finally {
    file.destroy();
  }
}

/**
 * Same as `readProductFile` for bytes from elsewhere (an upload); `fileName` names the source in
 * errors and its extension (.csv, .jsonl, .ndjson, .json, each optionally .gz) picks the format.
 */
export async function* readProductStream(
  source: AsyncIterable<Buffer>,
  fileName: string,
  options: ReadProductsOptions = {},
): AsyncGenerator<ProductFileRow> {
  const raw = await readStreamHead(source, (head) => head.length >= GZIP_MAGIC.length);
  const isGzip = GZIP_MAGIC.every((byte, index) => raw.head[index] === byte);
  const text = await readStreamHead(isGzip ? gunzip(raw.stream, fileName) : raw.stream, (head) => head.length >= SNIFF_LIMIT || firstCharacter(head) !== undefined);
  if (text.head.subarray(0, SNIFF_LIMIT).includes(0)) throw Errors.badFile(fileName, 'is binary (or not UTF-8), not a CSV or JSONL products file');
  const first = firstCharacter(text.head);
  if (first === undefined) throw Errors.badFile(fileName, 'is empty');
  const format = options.format ?? formatOf(fileName, first);
  if (format === 'jsonl') yield* jsonlProductRows(text.stream, fileName);
  else yield* csvProductRows(text.stream, fileName);
}

function formatOf(fileName: string, first: string): ProductFileFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName.replace(/\.gz$/i, ''))?.[1]?.toLowerCase();
  if (first === '[') throw Errors.badFile(fileName, 'is a JSON array; write one product object per line (JSONL) instead');
  const looksLike: ProductFileFormat = first === '{' ? 'jsonl' : 'csv';
  if (extension === 'jsonl' || extension === 'ndjson' || extension === 'json') {
    if (looksLike !== 'jsonl') throw Errors.badFile(fileName, `does not start with a JSON object ("${first}"); JSONL has one product object per line`);
    return 'jsonl';
  }
  return extension === 'csv' ? 'csv' : looksLike;
}

/** The first character that is not whitespace (a UTF-8 BOM counts as whitespace here). */
function firstCharacter(head: Buffer): string | undefined {
  return /[^\s\uFEFF]/.exec(head.toString('utf8'))?.[0];
}

async function* gunzip(source: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<Buffer> {
  const inflate = createGunzip();
  // Errors of the source reach the loop below through `inflate`, which pipeline destroys with them.
  pipeline(Readable.from(source, { objectMode: false }), inflate, () => undefined);
  try {
    yield* inflate as AsyncIterable<Buffer>;
  } catch (error) {
    if (isZlibError(error)) throw Errors.badFile(fileName, `is not valid gzip: ${error.message}`);
    throw error;
  }
}

function isZlibError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');
}

async function assertRegularFile(path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw Errors.badFile(path, 'no such file; check the path');
    throw error;
  });
  if (!info.isFile()) throw Errors.badFile(path, 'is not a regular file');
}
