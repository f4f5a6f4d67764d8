import type { ClassificationMetrics, DatasetEvaluation } from './evaluation-report.js';

interface Column {
  header: string;
  /** Text columns read best left-aligned; numbers right-aligned so their decimal points line up. */
  align: 'left' | 'right';
  cell: (metrics: ClassificationMetrics) => string;
}

const METRIC_COLUMNS: Column[] = [
  { header: 'ROC-AUC', align: 'right', cell: (metrics) => decimal(metrics.rocAuc) },
  { header: 'PR-AUC', align: 'right', cell: (metrics) => decimal(metrics.prAuc) },
  { header: 'log loss', align: 'right', cell: (metrics) => decimal(metrics.logLoss) },
  { header: 'ECE', align: 'right', cell: (metrics) => decimal(metrics.ece) },
  { header: 'acc@bestF1', align: 'right', cell: (metrics) => decimal(metrics.atBestF1.accuracy) },
  { header: 'F1', align: 'right', cell: (metrics) => decimal(metrics.atBestF1.f1) },
  { header: 'examples', align: 'right', cell: (metrics) => String(metrics.examples) },
  { header: 'positives', align: 'right', cell: (metrics) => String(metrics.positives) },
];

/**
 * A fixed-width plain-text table of one data set's evaluation for the terminal: a title line
 * (`dataset — split`), then one row per click and scorer, then the `all` rows over every prediction.
 * Figures have 3 decimals; an undefined one (ROC-AUC of a click with no purchase) shows as `n/a`.
 * Scorers keep the order in which they first appear, so the model and its baselines stay together.
 *
 * @example
 * console.log(formatEvaluationTable(evaluation));
 * // retailrocket — sessions starting before 2015-09-01 / after
 * // click  scorer    ROC-AUC  PR-AUC  log loss    ECE  acc@bestF1     F1  examples  positives
 * //     1  model        0.712   0.081     0.210  0.004       0.943  0.180    120000       3400
 */
export function formatEvaluationTable(evaluation: DatasetEvaluation): string {
  const scorerNames = [...new Set([...evaluation.clicks.flatMap((click) => Object.keys(click.scorers)), ...Object.keys(evaluation.overall)])];
  const rowsOf = (click: string, scorers: Record<string, ClassificationMetrics>): string[][] =>
    scorerNames.flatMap((name) => {
      const metrics = scorers[name];
      return metrics ? [[click, name, ...METRIC_COLUMNS.map((column) => column.cell(metrics))]] : [];
    });
  const clickRows = evaluation.clicks.flatMap((click) => rowsOf(String(click.click), click.scorers));
  const overallRows = rowsOf('all', evaluation.overall);

  const columns: Pick<Column, 'header' | 'align'>[] = [
    { header: 'click', align: 'right' },
    { header: 'scorer', align: 'left' },
    ...METRIC_COLUMNS,
  ];
  const widths = columns.map((column, i) => Math.max(column.header.length, ...[...clickRows, ...overallRows].map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (columns[i]!.align === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = line(widths.map((width) => '-'.repeat(width)));

  return [
    `${evaluation.dataset} — ${evaluation.split}`,
    line(columns.map((column) => column.header)),
    rule,
    ...clickRows.map(line),
    ...(overallRows.length > 0 ? [rule, ...overallRows.map(line)] : []),
  ].join('\n');
}

function decimal(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}
