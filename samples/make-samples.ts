/**
 * Regenerates the committed samples from the data sets in /work/shared/data (see samples/README.md):
 *
 *   npx tsx samples/make-samples.ts [data dir]
 *
 * The output is byte-for-byte reproducible: rows are copied verbatim, gzip is level 9 with Node's
 * fixed header (no file name, mtime 0), and the catalog is written in first-seen product order.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { csvRecords } from '../src/datasets/csv-records.js';
import { openTextLines } from '../src/datasets/open-text-lines.js';

const dataDir = process.argv[2] ?? '/work/shared/data';
const samplesDir = new URL('.', import.meta.url).pathname;
const REES46 = join(dataDir, 'rees46_oct2019_head/2019-Oct-head17434.csv.gz');
const TAOBAO = join(dataDir, 'taobao_userbehavior_head/UserBehavior-head84475.csv.gz');

async function headLines(file: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const { text } of openTextLines(file)) {
    lines.push(text);
    if (lines.length === count) break;
  }
  if (lines.length < count) throw new Error(`${file} has only ${lines.length} lines; ${count} are needed`);
  return lines;
}

function writeGzip(name: string, lines: string[]): void {
  const gzipped = gzipSync(`${lines.join('\n')}\n`, { level: 9 });
  writeFileSync(join(samplesDir, name), gzipped);
  console.log(`${name}: ${lines.length} lines, ${gzipped.length} bytes`);
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

const rees46 = await headLines(REES46, 5_001);
writeGzip('rees46-head-5000.csv.gz', rees46);
writeGzip('taobao-head-20000.csv.gz', await headLines(TAOBAO, 20_000));
const catalog = await rees46Catalog(REES46);
writeGzip('catalog-rees46.jsonl.gz', catalog.map((product) => JSON.stringify(product)));
