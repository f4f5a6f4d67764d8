import { Errors } from '../shared/errors.js';
import { openFileBytes } from './open-file-bytes.js';

/** One line of a text file, without its line break, and its 1-based number. */
export interface TextLine {
  line: number;
  text: string;
}

/** Longer lines are not a clickstream or an export; refusing them keeps memory bounded on binary input. */
export const MAX_LINE_CHARS = 1 << 20;

/**
 * Streams the lines of a file, gunzipping it when it is gzip (by its magic bytes), decoding UTF-8
 * across chunk boundaries, dropping a BOM and the `\r` of CRLF. Blank lines are yielded too, so line
 * numbers match what an editor shows. A missing or unreadable file throws `Errors.badFile` when the
 * first line is asked for.
 *
 * @example
 * for await (const { line, text } of openTextLines('UserBehavior.csv.gz')) {
 *   if (line > 3) break; // closes the file
 *   console.log(line, text);
 * }
 */
export async function* openTextLines(file: string): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of openFileBytes(file)) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
      yield { line: ++line, text: withoutCarriageReturn(pending.slice(start, newline)) };
      start = newline + 1;
    }
    pending = start === 0 ? pending : pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) throw Errors.badFile(file, `line ${line + 1} is longer than ${MAX_LINE_CHARS} characters; is it a text file?`);
  }
  pending += decoder.decode();
  if (pending !== '') yield { line: ++line, text: withoutCarriageReturn(pending) };
}

function withoutCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
