import { Errors } from './errors.js';
import type { TextLine } from './text-lines.js';

export type JsonLine = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: { field: string; problem: string } };

/**
 * Parses JSON Lines: one JSON value per line, blank lines skipped. A line that is not JSON is an error
 * row — unless no line before it was JSON, in which case the file is not JSONL at all and is refused
 * whole with `Errors.badFile`, before anything is imported.
 *
 * @example
 * for await (const row of parseJsonLines(splitLines(bytes, file), file, 'one product object per line')) …
 */
export async function* parseJsonLines(lines: AsyncIterable<TextLine>, sourceName: string, expected: string): AsyncGenerator<JsonLine> {
  let sawJson = false;
  for await (const { line, text } of lines) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      if (!sawJson) throw Errors.badFile(sourceName, `line ${line} is not JSON (${error.message}); a JSONL file has ${expected}`);
      yield { line, error: { field: 'row', problem: `is not valid JSON: ${error.message}` } };
      continue;
    }
    sawJson = true;
    yield { line, value };
  }
}
