import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { renderEvaluationChart } from '../models/evaluation/evaluation-chart.js';
import type { DatasetEvaluation } from '../models/evaluation/evaluation-report.js';
import { formatLeads } from '../models/evaluation/evaluation-leads.js';
import { formatEvaluationTable } from '../models/evaluation/evaluation-table.js';
import { DEFAULT_TRAINING } from '../models/epp/epp-training.js';
import { formatFamilySelections, formatTrainingSeconds } from '../models/epp/family-selection-table.js';
import { trainEpp } from '../models/epp/train-epp.js';
import { evaluateUci, UCI_PUBLISHED, type UciEvaluation } from '../models/uci/uci-evaluation.js';
import { readUciSessions } from '../models/uci/uci-shoppers.js';
import { Errors } from '../shared/errors.js';
import { EXIT_ROWS_REJECTED } from './cli-errors.js';
import { onTrainingFile } from './cli-options.js';
import { registerRecsEvalCommand } from './recs-eval-command.js';
import { RowTally } from './row-tally.js';

export function registerEvalCommand(program: Command): void {
  const evaluate = program.command('eval').description('evaluate a model offline on real data');
  evaluate
    .command('epp')
    .description(
      'early purchase prediction at clicks 1 to 10 on a time split of each clickstream (settings chosen on the latest training sessions), FTRL beside gradient-boosted trees and the constant and "has added to cart" baselines; and on the UCI online shoppers table beside published results',
    )
    .option('--data <files...>', 'clickstreams in any format `kairos replay` reads')
    .option('--uci <file>', 'the UCI Online Shoppers Purchasing Intention CSV (gzip allowed)')
    .option('--no-gbdt', 'evaluate FTRL alone (gradient-boosted trees are chosen, trained and tested beside it unless this is given)')
    .option('-o, --out <dir>', 'where to write epp-evaluation.json and epp-evaluation.svg', 'epp-evaluation')
    .action(async (options: { data?: string[]; uci?: string; gbdt: boolean; out: string }) => {
      if ((options.data ?? []).length === 0 && options.uci === undefined) throw Errors.invalidRequest([{ field: '--data', problem: 'give at least one clickstream (or --uci)' }]);
      const evaluations: DatasetEvaluation[] = [];
      let rejected = 0;
      for (const file of options.data ?? []) {
        const tally = new RowTally();
        const run = await onTrainingFile(file, () => trainEpp(file, { ...DEFAULT_TRAINING, gbdt: options.gbdt, id: 'evaluation', tally }));
        evaluations.push(run.evaluation);
        process.stdout.write(
          [
            tally.summary(`read ${file}`),
            formatFamilySelections(run.evaluation.selection!),
            formatTrainingSeconds(run.evaluation.trainingSeconds!),
            formatEvaluationTable(run.evaluation),
            formatLeads(run.evaluation),
            '',
            '',
          ].join('\n'),
        );
        rejected += tally.rejected;
      }
      let uci: UciEvaluation | undefined;
      if (options.uci !== undefined) {
        const tally = new RowTally();
        const sessions = await readUciSessions(options.uci, tally);
        uci = await onTrainingFile(options.uci, async () => evaluateUci(sessions, { seed: 42, validationFraction: 0.2, gbdt: options.gbdt }));
        rejected += tally.rejected;
        process.stdout.write(`${tally.summary(`read ${options.uci}`)}\n${formatUci(uci)}\n`);
      }
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      process.stdout.write(`peak RSS ${peakRssMb} MB\n`);
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, 'epp-evaluation.json'), `${JSON.stringify({ clickstreams: evaluations, uci: uci && { ...uci, published: UCI_PUBLISHED }, peakRssMb }, null, 2)}\n`);
      if (evaluations.length > 0) writeFileSync(join(options.out, 'epp-evaluation.svg'), await renderEvaluationChart(evaluations));
      process.stdout.write(`written to ${options.out}/\n`);
      if (rejected > 0) process.exitCode = EXIT_ROWS_REJECTED;
    });
  registerRecsEvalCommand(evaluate);
}

function formatUci(uci: UciEvaluation): string {
  const percent = (value: number | null) => (value === null ? '     —' : `${(value * 100).toFixed(2).padStart(6)}`);
  const family = (name: string, evaluation: UciEvaluation['ftrl'] | UciEvaluation['gbdt']) =>
    evaluation === undefined
      ? []
      : [
          `  ${`Kairos ${name} (threshold ${evaluation.atValidationThreshold.threshold.toFixed(3)} from validation)`.padEnd(60)}${percent(evaluation.atValidationThreshold.accuracy)}  ${percent(evaluation.atValidationThreshold.f1)}   ${evaluation.model.rocAuc.toFixed(3)}`,
        ];
  const lines = [
    `UCI online shoppers: ${uci.rows.toLocaleString('en-US')} sessions, ${uci.testRows.toLocaleString('en-US')} tested (${uci.split})`,
    formatFamilySelections({ rule: uci.rule, ftrl: uci.ftrl.selection, ...(uci.gbdt ? { gbdt: uci.gbdt.selection } : {}) }),
    formatTrainingSeconds({ ftrl: uci.ftrl.trainingSeconds, ...(uci.gbdt ? { gbdt: uci.gbdt.trainingSeconds } : {}) }),
    `  ${'model'.padEnd(60)}accuracy %  F1 %    ROC-AUC`,
    ...family('FTRL', uci.ftrl),
    ...family('GBDT', uci.gbdt),
    `  ${'constant (training purchase rate)'.padEnd(60)}${percent(1 - uci.ftrl.model.positives / uci.ftrl.model.examples)}  ${percent(0)}   ${uci.constant.rocAuc.toFixed(3)}`,
    ...UCI_PUBLISHED.map((published) => `  ${published.source.padEnd(60)}${percent(published.accuracy)}  ${percent(published.f1)}   ${published.rocAuc === null ? '    —' : published.rocAuc.toFixed(3)}`),
  ];
  return lines.join('\n');
}
