/** Parsers of options several commands share: each refuses a bad value with the option and the problem. */
import { CLICKSTREAM_FORMATS, type ClickstreamFormat } from '../datasets/clickstream-format.js';
import { Errors } from '../shared/errors.js';

/** `--epochs` of the EPP commands: a whole number of passes from 1 to 20. */
export function parseEpochs(value: string): number {
  const epochs = Number(value);
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 20) throw Errors.invalidRequest([{ field: '--epochs', problem: `must be a whole number from 1 to 20; got "${value}"` }]);
  return epochs;
}

/** `--format`, when given: one of the replay command's formats. */
export function parseClickstreamFormat(value: string | undefined): ClickstreamFormat | undefined {
  if (value === undefined) return undefined;
  if (!(CLICKSTREAM_FORMATS as readonly string[]).includes(value)) {
    throw Errors.invalidRequest([{ field: '--format', problem: `must be one of ${CLICKSTREAM_FORMATS.join(', ')}; got "${value}"` }]);
  }
  return value as ClickstreamFormat;
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
