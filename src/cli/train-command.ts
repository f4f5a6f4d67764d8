import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLICKSTREAM_FORMATS } from '../datasets/clickstream-format.js';
import { formatLeads } from '../models/evaluation/evaluation-leads.js';
import { formatEvaluationTable } from '../models/evaluation/evaluation-table.js';
import { encodeArtifact } from '../models/epp/epp-artifact.js';
import { DEFAULT_TRAINING } from '../models/epp/epp-training.js';
import { formatFamilySelections } from '../models/epp/family-selection-table.js';
import { trainEpp } from '../models/epp/train-epp.js';
import { Errors } from '../shared/errors.js';
import { EXIT_ROWS_REJECTED } from './cli-errors.js';
import { onTrainingFile, parseClickstreamFormat } from './cli-options.js';
import { startProgress } from './progress.js';
import { RowTally } from './row-tally.js';

export function registerTrainCommand(program: Command): void {
  const train = program.command('train').description('train a model offline from a recorded clickstream');
  train
    .command('epp')
    .description('train the early-purchase model on a clickstream (Taobao, REES46, RetailRocket, Segment JSONL/CSV) with a time split (settings chosen on the latest training sessions), and write the artifact with its test metrics')
    .requiredOption('--data <file>', 'the clickstream (gzip allowed)')
    .option('-f, --format <format>', `one of ${CLICKSTREAM_FORMATS.join(', ')}; detected from the first line when absent`)
    .option('--test-fraction <share>', 'share of sessions, the latest by start, held out for testing', String(DEFAULT_TRAINING.testFraction))
    .option('--id <id>', 'the version id (letters, digits, . _ -); epp-<date> by default')
    .option('-o, --out <file>', 'where to write the artifact (gzipped JSON); install it with `kairos models install` or POST /v1/models/epp', 'epp-model.json.gz')
    .action(async (options: { data: string; format?: string; testFraction: string; id?: string; out: string }) => {
      const testFraction = Number(options.testFraction);
      if (!(testFraction > 0 && testFraction < 1)) throw Errors.invalidRequest([{ field: '--test-fraction', problem: `must be a number between 0 and 1; got "${options.testFraction}"` }]);
      const format = parseClickstreamFormat(options.format);
      const id = options.id ?? `epp-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const tally = new RowTally();
      const started = Date.now();
      const progress = startProgress('read', tally);
      const run = await onTrainingFile(options.data, () =>
        trainEpp(options.data, { ...DEFAULT_TRAINING, testFraction, id, tally, onProgress: progress.update, ...(format ? { format } : {}) }),
      ).finally(() => progress.stop());
      writeFileSync(options.out, encodeArtifact(run.artifact));
      const seconds = (Date.now() - started) / 1000;
      const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
      process.stdout.write(
        [
          tally.summary(`read ${options.data}`),
          `${run.sessions.toLocaleString('en-US')} sessions with a known outcome (${run.censored.toLocaleString('en-US')} still open at the end of the data left out); ${run.trainExamples.toLocaleString('en-US')} training examples`,
          formatFamilySelections(run.evaluation.selection!),
          formatEvaluationTable(run.evaluation),
          formatLeads(run.evaluation),
          `model ${id}: ${run.nonZeroWeights.toLocaleString('en-US')} non-zero weights; written to ${options.out}`,
          `${seconds.toFixed(1)} s, peak RSS ${peakMb} MB`,
          '',
        ].join('\n'),
      );
      if (tally.rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
}
