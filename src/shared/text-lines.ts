import { Errors } from './errors.js';

/** One line of a text source, without its line break, and its 1-based number. */
export interface TextLine {
  line: number;
  text: string;
}

/** Longer lines are not a clickstream, a catalog or an export; refusing them keeps memory bounded on binary input. */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Splits a byte stream into lines, decoding UTF-8 across chunk boundaries (TextDecoder also drops a
 * BOM) and dropping the `\r` of CRLF. Blank lines are yielded too, so line numbers match an editor's.
 *
 * @example
 * for await (const { line, text } of splitLines(createReadStream('catalog.jsonl'), 'catalog.jsonl')) …
 */
export async function* splitLines(source: AsyncIterable<Buffer>, sourceName: string): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
      yield { line: ++line, text: withoutCarriageReturn(pending.slice(start, newline)) };
      start = newline + 1;
    }
    pending = start === 0 ? pending : pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) throw Errors.badFile(sourceName, `line ${line + 1} is longer than ${MAX_LINE_CHARS} characters; is it a text file?`);
  }
  pending += decoder.decode();
  if (pending !== '') yield { line: ++line, text: withoutCarriageReturn(pending) };
}

function withoutCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
