import { Errors } from '../shared/errors.js';
import { openTextLines, type TextLine } from './open-text-lines.js';

/**
 * The first `count` non-blank lines of a file (gunzipped), to tell its format before reading it.
 * An empty or binary file throws `Errors.badFile`, since no format will read it.
 */
export async function sniffLines(file: string, count: number): Promise<TextLine[]> {
  const lines: TextLine[] = [];
  for await (const line of openTextLines(file)) {
    if (line.text.trim() === '') continue;
    if (line.text.includes('\u0000')) throw Errors.badFile(file, 'is binary, not a text file (CSV or JSONL, optionally gzipped)');
    lines.push(line);
    if (lines.length >= count) break;
  }
  if (lines.length === 0) throw Errors.badFile(file, 'is empty');
  return lines;
}
