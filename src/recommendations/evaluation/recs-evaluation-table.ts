import type { RecsEvaluation } from './recs-evaluation.js';
import type { PublishedResult } from './srgnn-published.js';

/**
 * A plain-text table of one data set's evaluation: a row per strategy with HR, MRR and NDCG at each
 * k, coverage and popularity bias at the largest k, training seconds and milliseconds per query;
 * published rows, when given, below a rule with only the figures their paper reports (in percent).
 *
 * @example
 * console.log(formatRecsTable(evaluation, SRGNN_YOOCHOOSE_1_64_PUBLISHED));
 */
export function formatRecsTable(evaluation: RecsEvaluation, published: readonly PublishedResult[] = []): string {
  const ks = evaluation.strategies[0]?.metrics.map((metrics) => metrics.k) ?? [];
  const top = ks.at(-1);
  const percent = (value: number) => (value * 100).toFixed(2);
  const header = ['strategy', ...ks.flatMap((k) => [`HR@${k}`, `MRR@${k}`, `NDCG@${k}`]), `cov@${top}`, `pop@${top}`, 'train s', 'ms/query'];
  const rows = evaluation.strategies.map((outcome) => [
    outcome.strategy,
    ...outcome.metrics.flatMap((metrics) => [percent(metrics.hitRate), percent(metrics.mrr), percent(metrics.ndcg)]),
    percent(outcome.metrics.at(-1)!.coverage),
    percent(outcome.metrics.at(-1)!.popularityBias),
    (outcome.trainingMs / 1000).toFixed(1),
    outcome.msPerQuery.toFixed(3),
  ]);
  const publishedRows = published.map((result) =>
    header.map((column, i) => (i === 0 ? `${result.model} (published)` : column === 'HR@20' ? result.hitRate20.toFixed(2) : column === 'MRR@20' ? result.mrr20.toFixed(2) : '—')),
  );
  const all = [header, ...rows, ...publishedRows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = line(widths.map((width) => '-'.repeat(width)));
  return [
    `${evaluation.dataset} — ${evaluation.split}`,
    `${evaluation.queries.toLocaleString('en-US')} queries (${evaluation.unseenTargets.toLocaleString('en-US')} with a target unseen in training), ${evaluation.trainingInteractions.toLocaleString('en-US')} training interactions on ${evaluation.trainingItems.toLocaleString('en-US')} items; figures in %`,
    line(header),
    rule,
    ...rows.map(line),
    ...(publishedRows.length > 0 ? [rule, ...publishedRows.map(line)] : []),
  ].join('\n');
}
