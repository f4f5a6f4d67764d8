import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { clickstreamInteractions } from '../recommendations/evaluation/clickstream-interactions.js';
import { evaluatedStrategies } from '../recommendations/evaluation/evaluated-strategies.js';
import { holdoutSplit } from '../recommendations/evaluation/holdout-split.js';
import { evaluateStrategies, type EvaluationSplit, type RecsEvaluation } from '../recommendations/evaluation/recs-evaluation.js';
import { formatRecsTable } from '../recommendations/evaluation/recs-evaluation-table.js';
import { srgnnEvaluationSplit } from '../recommendations/evaluation/srgnn-evaluation-split.js';
import { isYoochoose164, SRGNN_YOOCHOOSE_1_64_PUBLISHED } from '../recommendations/evaluation/srgnn-published.js';
import { srgnnFileKind } from '../recommendations/evaluation/srgnn-split.js';
import { timeSplit } from '../recommendations/evaluation/time-split.js';
import { Errors } from '../shared/errors.js';
import { EXIT_ROWS_REJECTED } from './cli-errors.js';
import { onTrainingFile, parseClickstreamFormat, parseCutoffs, parseTestDays } from './cli-options.js';
import { startStepProgress } from './progress.js';
import { RowTally } from './row-tally.js';

interface RecsEvalOptions {
  data: string[];
  test?: string;
  validation?: boolean;
  format?: string;
  testDays?: string;
  k: string;
  out: string;
}

/** `kairos eval recs`: every evaluated strategy on SR-GNN splits and on clickstreams, beside published results. */
export function registerRecsEvalCommand(evaluate: Command): void {
  evaluate
    .command('recs')
    .description('next-item recommendation (HR, MRR, NDCG, coverage, popularity bias) of every strategy on SR-GNN splits (beside the published results) and on clickstreams split by time, plus the hold-out of each shopper\'s last carted or purchased item')
    .requiredOption('--data <files...>', 'SR-GNN training sessions (session_idx<TAB>items) or clickstreams in any format `kairos replay` reads')
    .option('--test <file>', 'SR-GNN test samples (prefix_items<TAB>target_item) for an SR-GNN training file')
    .option('--validation', 'SR-GNN: test on the last 10% of the training sessions instead of --test (to choose hyperparameters)')
    .option('--format <format>', 'srgnn, or a clickstream format; detected from the first line when absent')
    .option('--test-days <n>', 'clickstreams: sessions starting in the last n days are the test (default: the last seventh of the time range)')
    .option('--k <list>', 'cut-offs, comma-separated', '10,20')
    .option('-o, --out <dir>', 'where to write recs-evaluation.json', 'recs-evaluation')
    .action(async (options: RecsEvalOptions) => {
      const ks = parseCutoffs(options.k);
      const testDays = parseTestDays(options.testDays);
      const clickstreamFormat = options.format === 'srgnn' ? undefined : parseClickstreamFormat(options.format);
      if (options.test !== undefined && options.validation) throw Errors.invalidRequest([{ field: '--validation', problem: 'tests on held-out training sessions; leave out --test with it' }]);
      const evaluations: RecsEvaluation[] = [];
      let rejected = 0;
      for (const file of options.data) {
        const srgnn = options.format === 'srgnn' || (clickstreamFormat === undefined && (await srgnnFileKind(file)) !== undefined);
        const splits: EvaluationSplit[] = [];
        if (srgnn) {
          if (options.test === undefined && !options.validation) throw Errors.invalidRequest([{ field: '--test', problem: `${file} is an SR-GNN training file: give its test samples with --test, or --validation` }]);
          splits.push(await onTrainingFile(file, () => srgnnEvaluationSplit(file, options.validation ? 'validation' : { file: options.test! })));
        } else {
          const tally = new RowTally();
          const interactions = await clickstreamInteractions(file, tally, clickstreamFormat);
          rejected += tally.rejected;
          process.stdout.write(`${tally.summary(`read ${file}`)}\n`);
          const name = file.split('/').at(-1)!;
          splits.push(await onTrainingFile(file, async () => timeSplit(name, interactions, testDays)), await onTrainingFile(file, async () => holdoutSplit(name, interactions)));
        }
        for (const split of splits) {
          const progress = startStepProgress(`evaluating ${split.dataset}`);
          const evaluation = evaluateStrategies(split, evaluatedStrategies(), ks, progress.update);
          progress.stop();
          evaluations.push(evaluation);
          const published = srgnn && !options.validation && isYoochoose164(file) ? SRGNN_YOOCHOOSE_1_64_PUBLISHED : [];
          process.stdout.write(`${formatRecsTable(evaluation, published)}\n\n`);
        }
      }
      const peakRssMb = process.resourceUsage().maxRSS / 1024;
      process.stdout.write(`peak RSS ${peakRssMb.toFixed(0)} MB\n`);
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'recs-evaluation.json'), `${JSON.stringify({ evaluations, publishedYoochoose164: SRGNN_YOOCHOOSE_1_64_PUBLISHED, peakRssMb }, null, 2)}\n`);
      process.stdout.write(`written to ${options.out}/\n`);
      if (rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
}
