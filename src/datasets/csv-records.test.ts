import { describe, expect, it } from 'vitest';
import { csvRecords, splitQuotedRecord } from './csv-records.js';
import { drain } from '../test-support/fixture-files.js';
import type { TextLine } from './open-text-lines.js';

async function* linesOf(text: string): AsyncGenerator<TextLine> {
  let line = 0;
  for (const part of text.split('\n')) yield { line: ++line, text: part };
}

describe('csvRecords', () => {
  it('splits plain rows, trims unquoted cells and skips blank lines', async () => {
    expect(await drain(csvRecords(linesOf('a, b ,c\n\n1,,3')))).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 3, cells: ['1', '', '3'] },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, numbered by their first line', async () => {
    const text = 'id,note\n1,"Main St, 5"\n2,"says ""hi"""\n3,"two\nlines"\n4,end';
    expect(await drain(csvRecords(linesOf(text)))).toEqual([
      { line: 1, cells: ['id', 'note'] },
      { line: 2, cells: ['1', 'Main St, 5'] },
      { line: 3, cells: ['2', 'says "hi"'] },
      { line: 4, cells: ['3', 'two\nlines'] },
      { line: 6, cells: ['4', 'end'] },
    ]);
  });

  it('reports a quote left open at the end of the file on the line it opened', async () => {
    expect(await drain(csvRecords(linesOf('a,b\n1,"open\n2,x')))).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: { field: 'row', problem: 'has a quoted cell that is not closed before the end of the file' } },
    ]);
  });

  it('keeps what follows a closing quote and stray quotes inside unquoted cells', () => {
    expect(splitQuotedRecord('"12"kg,ab"c,"x"')).toEqual(['12kg', 'ab"c', 'x']);
    expect(splitQuotedRecord('"unclosed,a')).toBeUndefined();
  });
});
