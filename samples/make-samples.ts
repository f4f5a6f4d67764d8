/**
 * Regenerates the committed samples from the data sets in /work/shared/data (see samples/README.md):
 *
 *   npx tsx samples/make-samples.ts [data dir]
 *
 * The sources are checked against the sha256 in their READMEs. The output is byte-for-byte
 * reproducible: rows are copied verbatim (the CSV heads are byte prefixes of the sources), gzip is
 * level 9 with Node's fixed header (no file name, mtime 0), and the catalog is in first-seen order.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { csvRecords } from '../src/datasets/csv-records.js';
import { openFileBytes } from '../src/datasets/open-file-bytes.js';
import { openTextLines } from '../src/datasets/open-text-lines.js';

const dataDir = process.argv[2] ?? '/work/shared/data';
const samplesDir = new URL('.', import.meta.url).pathname;
const REES46 = join(dataDir, 'rees46_oct2019_head/2019-Oct-head17434.csv.gz');
const TAOBAO = join(dataDir, 'taobao_userbehavior_head/UserBehavior-head84475.csv.gz');

/** The source, checked against the sha256 its README publishes, so the samples come from that exact file. */
async function verifiedSource(file: string, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openFileBytes(file)) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new Error(`${file}: sha256 ${actual}, but its README says ${sha256}`);
  return bytes;
}

/** The first `count` lines, byte for byte (the REES46 file has CRLF line ends, kept as they are). */
function headLines(bytes: Buffer, count: number): Buffer {
  let end = 0;
  for (let line = 0; line < count; line++) {
    const newline = bytes.indexOf(0x0a, end);
    if (newline < 0) throw new Error(`the source has only ${line} lines; ${count} are needed`);
    end = newline + 1;
  }
  return bytes.subarray(0, end);
}

function writeGzip(name: string, content: Buffer | string): void {
  const gzipped = gzipSync(content, { level: 9 });
  writeFileSync(join(samplesDir, name), gzipped);
  const lines = content.toString().split('\n').length - 1;
  console.log(`${name}: ${lines} lines, ${Buffer.byteLength(content)} bytes, ${gzipped.length} bytes gzipped`);
}

interface CatalogProduct {
  id: string;
  name: string;
  categoryPath: string[];
  brand: string | null;
  price: number;
  currency: 'USD';
  attributes: { rees46CategoryId: string };
}

/**
 * One product per REES46 product_id. The data set has no product names, so the name is derived from
 * what it has (brand, last category segment, id) rather than invented. Every field is from the
 * latest row of the product (the file is in time order), so the price is the latest seen. The data
 * has no stock, so there is no inventory.
 */
async function rees46Catalog(file: string): Promise<CatalogProduct[]> {
  const products = new Map<string, CatalogProduct>();
  let header: string[] | undefined;
  for await (const record of csvRecords(openTextLines(file))) {
    if (!('cells' in record)) throw new Error(`${file} line ${record.line}: ${record.error.problem}`);
    if (!header) {
      header = record.cells;
      continue;
    }
    const row = Object.fromEntries(header.map((column, index) => [column, record.cells[index] ?? '']));
    const id = row.product_id as string;
    const code = row.category_code as string;
    const brand = (row.brand as string) || null;
    const categoryPath = code ? code.split('.') : [`category-${row.category_id}`];
    products.set(id, {
      id,
      name: `${brand ?? 'Unbranded'} ${code ? categoryPath.at(-1) : 'item'} ${id}`,
      categoryPath,
      brand,
      price: Number(row.price),
      currency: 'USD',
      attributes: { rees46CategoryId: row.category_id as string },
    });
  }
  return [...products.values()];
}

const rees46 = await verifiedSource(REES46, '6b4691437a204c13d461783838103862a2e6620c5db3be2e94ba4f9c7eb7f0c4');
const taobao = await verifiedSource(TAOBAO, 'e3013a3a225cf384b66dbbd7557f50829f28bd0de2555e31604eef6891ffa0c7');
writeGzip('rees46-head-5000.csv.gz', headLines(rees46, 5_001));
writeGzip('taobao-head-20000.csv.gz', headLines(taobao, 20_000));
const catalog = await rees46Catalog(REES46);
writeGzip('catalog-rees46.jsonl.gz', catalog.map((product) => `${JSON.stringify(product)}\n`).join(''));
