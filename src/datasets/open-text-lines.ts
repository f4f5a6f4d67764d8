import { splitLines, type TextLine } from '../shared/text-lines.js';
import { openFileBytes } from './open-file-bytes.js';

export type { TextLine } from '../shared/text-lines.js';

/**
 * Streams the lines of a file, gunzipping it when it is gzip (by its magic bytes); see `splitLines`
 * for decoding and line numbers. A missing or unreadable file throws `Errors.badFile` when the first
 * line is asked for.
 *
 * @example
 * for await (const { line, text } of openTextLines('UserBehavior.csv.gz')) {
 *   if (line > 3) break; // closes the file
 *   console.log(line, text);
 * }
 */
export function openTextLines(file: string): AsyncGenerator<TextLine> {
  return splitLines(openFileBytes(file), file);
}
