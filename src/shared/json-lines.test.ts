import { describe, expect, it } from 'vitest';
import { parseJsonLines } from './json-lines.js';
import { splitLines } from './text-lines.js';

async function* bytes(...chunks: string[]) {
  for (const chunk of chunks) yield Buffer.from(chunk);
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('splitLines', () => {
  it('splits across chunk boundaries, in the middle of a UTF-8 character too, and drops CR and BOM', async () => {
    const euro = Buffer.from('€');
    async function* split() {
      yield Buffer.concat([Buffer.from('\uFEFFa,1\r\nb,'), euro.subarray(0, 1)]);
      yield Buffer.concat([euro.subarray(1), Buffer.from('\n\nlast')]);
    }
    expect(await collect(splitLines(split(), 'f'))).toEqual([
      { line: 1, text: 'a,1' },
      { line: 2, text: 'b,€' },
      { line: 3, text: '' },
      { line: 4, text: 'last' },
    ]);
  });
});

describe('parseJsonLines', () => {
  it('yields values, skips blank lines and reports later bad lines as rows', async () => {
    const rows = await collect(parseJsonLines(splitLines(bytes('{"a":1}\n\n{oops\n[2]\n'), 'f.jsonl'), 'f.jsonl', 'one object per line'));
    expect(rows).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, error: { field: 'row', problem: expect.stringContaining('is not valid JSON') } },
      { line: 4, value: [2] },
    ]);
  });

  it('refuses a file whose first line is not JSON at all', async () => {
    await expect(collect(parseJsonLines(splitLines(bytes('id,name\n1,x\n'), 'f.csv'), 'f.csv', 'one object per line'))).rejects.toThrow(/f.csv: line 1 is not JSON/);
  });
});
