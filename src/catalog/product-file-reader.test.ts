import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KairosError } from '../shared/errors.js';
import { readProductFile, type ProductFileRow } from './product-file-reader.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kairos-products-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string): Promise<ProductFileRow[]> {
  const rows: ProductFileRow[] = [];
  for await (const row of readProductFile(path)) rows.push(row);
  return rows;
}

/** Reads until the reader throws; returns the rows it yielded first and the error. */
async function readUntilFailure(path: string): Promise<{ rows: ProductFileRow[]; error: unknown }> {
  const rows: ProductFileRow[] = [];
  try {
    for await (const row of readProductFile(path)) rows.push(row);
  } catch (error) {
    return { rows, error };
  }
  throw new Error(`${path} was read without an error`);
}

const GOOD_CSV = [
  'id,name,category_path,brand,price,currency,inventory,image_url,attr.color,Material',
  'sku-1,Trail shoe,Shoes > Running,Acme,89.90,eur,12,https://cdn.example.com/1.jpg,red,mesh',
  '',
  'sku-2,"Rain jacket, ""storm""",Apparel/Jackets,,120,USD,,,,',
  'sku-3,"Two',
  'lines",,,,,0,,,',
].join('\n');

const trailShoe = {
  id: 'sku-1',
  name: 'Trail shoe',
  categoryPath: ['Shoes', 'Running'],
  brand: 'Acme',
  price: 89.9,
  currency: 'EUR',
  inventory: 12,
  attributes: { color: 'red', Material: 'mesh' },
  imageUrl: 'https://cdn.example.com/1.jpg',
};

const expectedGoodCsv: ProductFileRow[] = [
  { line: 2, product: trailShoe },
  {
    line: 4,
    product: { id: 'sku-2', name: 'Rain jacket, "storm"', categoryPath: ['Apparel', 'Jackets'], brand: null, price: 120, currency: 'USD', inventory: null, attributes: {}, imageUrl: null },
  },
  {
    line: 5,
    product: { id: 'sku-3', name: 'Two\nlines', categoryPath: [], brand: null, price: null, currency: null, inventory: 0, attributes: {}, imageUrl: null },
  },
];

describe('readProductFile', () => {
  it('reads a CSV: known columns to fields, the others to attributes, blank cells to null', async () => {
    expect(await readAll(await fileWith('good.csv', GOOD_CSV))).toEqual(expectedGoodCsv);
  });

  it('reads a JSONL file: the PUT body with an id per line, numeric ids as strings', async () => {
    const jsonl = [
      JSON.stringify({ id: 'sku-1', name: 'Trail shoe', categoryPath: ['Shoes', 'Running'], brand: 'Acme', price: 89.9, currency: 'eur', inventory: 12, attributes: { color: 'red', Material: 'mesh' }, imageUrl: 'https://cdn.example.com/1.jpg' }),
      '   ',
      JSON.stringify({ id: 42, name: 'Sock', categoryPath: 'apparel.socks', attributes: { size: 42, organic: true } }),
    ].join('\r\n');
    expect(await readAll(await fileWith('good.jsonl', jsonl))).toEqual([
      { line: 1, product: trailShoe },
      {
        line: 3,
        product: { id: '42', name: 'Sock', categoryPath: ['apparel', 'socks'], brand: null, price: null, currency: null, inventory: null, attributes: { size: 42, organic: true }, imageUrl: null },
      },
    ]);
  });

  it('reads gzipped files, by their bytes rather than their name', async () => {
    expect(await readAll(await fileWith('good.csv.gz', gzipSync(GOOD_CSV)))).toEqual(expectedGoodCsv);
    const jsonl = `${JSON.stringify({ id: 'a', name: 'A' })}\n`;
    const rows = await readAll(await fileWith('export-without-extension', gzipSync(jsonl)));
    expect(rows.map((row) => [row.line, row.product?.id])).toEqual([[1, 'a']]);
  });

  it('reports each bad CSV row with its line and the column as the header names it', async () => {
    const csv = [
      'ID,Name,category,price,currency,inventory,image_url,attr.size',
      'ok,Fine,,1,,,,',
      'p1,,,,,,,',
      'p2,Shoe,,"12,50",,,,',
      'p3,Shoe,,,EURO,,,',
      'p4,Shoe,,,,-1,,',
      'p5,Shoe,,,,2.5,,',
      'p6,Shoe,,,,,ftp://x,',
      'p7,Shoe',
      ',Shoe,,,,,,',
    ].join('\n');
    expect(await readAll(await fileWith('bad-rows.csv', csv))).toEqual([
      { line: 2, product: expect.objectContaining({ id: 'ok' }) },
      { line: 3, error: { field: 'Name', problem: 'must not be blank' } },
      { line: 4, error: { field: 'price', problem: 'expected number' } },
      { line: 5, error: { field: 'currency', problem: 'must be a 3-letter ISO 4217 code such as EUR' } },
      { line: 6, error: { field: 'inventory', problem: 'expected integer to be greater or equal to 0' } },
      { line: 7, error: { field: 'inventory', problem: 'expected integer' } },
      { line: 8, error: { field: 'image_url', problem: 'must be an absolute http(s) URL' } },
      { line: 9, error: { field: 'row', problem: 'has 2 cells; the header has 8' } },
      { line: 10, error: { field: 'ID', problem: 'must not be empty' } },
    ]);
  });

  it('reports each bad JSONL row with its line and field', async () => {
    const jsonl = [
      JSON.stringify({ id: 'ok', name: 'Fine' }),
      '{"id": "p1", "name": ',
      JSON.stringify({ id: 'p2', name: 'Shoe', colour: 'red' }),
      JSON.stringify({ id: 'p3', name: 'Shoe', attributes: { tags: ['a'] } }),
      JSON.stringify({ id: 'p4', name: 'Shoe', price: -3 }),
      JSON.stringify(['not', 'an', 'object']),
    ].join('\n');
    const rows = await readAll(await fileWith('bad-rows.jsonl', jsonl));
    expect(rows.map((row) => [row.line, row.product?.id ?? row.error?.field, row.error?.problem])).toEqual([
      [1, 'ok', undefined],
      [2, 'row', expect.stringMatching(/^is not valid JSON: /)],
      [3, 'colour', 'is not a product field'],
      [4, 'attributes.tags', 'expected string or number or boolean'],
      [5, 'price', 'expected number to be greater or equal to 0'],
      [6, 'row', 'expected object'],
    ]);
  });

  it('streams a large gzipped file, decoding characters split across chunks', async () => {
    const lines = Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ id: `sku-${index}`, name: `Crème brûlée ☕ ${index}`, price: index }));
    const rows = await readAll(await fileWith('large.jsonl.gz', gzipSync(lines.join('\n'))));
    expect(rows).toHaveLength(20_000);
    expect(rows.filter((row) => row.error)).toEqual([]);
    expect(rows[19_999]).toEqual({ line: 20_000, product: expect.objectContaining({ id: 'sku-19999', name: 'Crème brûlée ☕ 19999', price: 19_999 }) });
    expect(rows.every((row, index) => row.product?.name === `Crème brûlée ☕ ${index}`)).toBe(true);
  });

  it('picks the format from the first character when the name does not say', async () => {
    const rows = await readAll(await fileWith('products.txt', `\n\n  ${JSON.stringify({ id: 'a', name: 'A' })}\n`));
    expect(rows).toEqual([{ line: 3, product: expect.objectContaining({ id: 'a', name: 'A' }) }]);
  });

  describe('refuses a file that is not a products file before yielding a row', () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), /is binary/],
      ['no-id.csv', 'sku,name,price\n1,Shoe,3\n', /the CSV header has no "id" column \(it has: sku, name, price\)/],
      ['semicolons.csv', 'id;name;price\n1;Shoe;3\n', /no "id" column/],
      ['no-name.csv', 'id,price\n1,3\n', /no "name" column/],
      ['twice.csv', 'id,name,category,category_path\n1,Shoe,a,b\n', /columns "category" and "category_path" both give categoryPath/],
      ['unnamed.csv', 'id,name,\n1,Shoe,\n', /column 3 of the header has no name/],
      ['array.json', '[{"id": "1", "name": "Shoe"}]', /is a JSON array/],
      ['prose.jsonl', 'Dear customer,\nhere is our catalog\n', /does not start with a JSON object/],
      ['broken.jsonl', '{"id": "1", "name": \n', /line 1 is not JSON/],
      ['empty.csv', '\n  \n', /is empty/],
      ['corrupt.csv.gz', Buffer.concat([gzipSync('id,name\n1,Shoe\n').subarray(0, 12), Buffer.alloc(40, 0xff)]), /is not valid gzip/],
    ];
    it.each(cases)('%s', async (name, content, message) => {
      const { rows, error } = await readUntilFailure(await fileWith(name, content));
      expect(rows).toEqual([]);
      expect(error).toBeInstanceOf(KairosError);
      expect(error).toMatchObject({ code: 'KAIROS_BAD_FILE', statusCode: 400 });
      expect((error as KairosError).message).toMatch(message);
    });

    it('a path that does not exist', async () => {
      const { error } = await readUntilFailure(join(dir, 'missing.csv'));
      expect(error).toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringMatching(/missing\.csv: no such file/) });
    });
  });

  it('refuses a CSV that breaks off in an open quote, naming the problem', async () => {
    const { rows, error } = await readUntilFailure(await fileWith('open-quote.csv', 'id,name\n1,Shoe\n2,"Boot\n'));
    expect(rows.map((row) => row.product?.id)).toEqual(['1']);
    expect(error).toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringMatching(/is not valid CSV: .*quote/i) });
  });
});
