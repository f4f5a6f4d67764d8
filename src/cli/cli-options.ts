/** Parsers of options several commands share: each refuses a bad value with the option and the problem. */
import { CLICKSTREAM_FORMATS, type ClickstreamFormat } from '../datasets/clickstream-format.js';
import { Errors } from '../shared/errors.js';

/** `--format`, when given: one of the replay command's formats. */
export function parseClickstreamFormat(value: string | undefined): ClickstreamFormat | undefined {
  if (value === undefined) return undefined;
  if (!(CLICKSTREAM_FORMATS as readonly string[]).includes(value)) {
    throw Errors.invalidRequest([{ field: '--format', problem: `must be one of ${CLICKSTREAM_FORMATS.join(', ')}; got "${value}"` }]);
  }
  return value as ClickstreamFormat;
}

/** `--k` of `eval recs`: comma-separated cut-offs, each a whole number from 1 to 100, in ascending order. */
export function parseCutoffs(value: string): number[] {
  const ks = value.split(',').map((part) => Number(part.trim()));
  if (ks.some((k) => !Number.isInteger(k) || k < 1 || k > 100) || ks.some((k, i) => i > 0 && k <= ks[i - 1]!)) {
    throw Errors.invalidRequest([{ field: '--k', problem: `must be ascending whole numbers from 1 to 100, comma-separated (e.g. 10,20); got "${value}"` }]);
  }
  return ks;
}

/** `--test-days` of `eval recs`, when given: a positive number of days. */
export function parseTestDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0) throw Errors.invalidRequest([{ field: '--test-days', problem: `must be a positive number of days; got "${value}"` }]);
  return days;
}

/** Runs a training step on a file; a data problem (empty, one class) becomes the file's one-line error. */
export async function onTrainingFile<T>(file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError) throw Errors.badFile(file, error.message);
    throw error;
  }
}
