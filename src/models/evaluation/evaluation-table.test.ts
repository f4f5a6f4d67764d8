import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';
import { syntheticDatasetEvaluation } from './evaluation-fixtures.js';
import type { DatasetEvaluation } from './evaluation-report.js';
import { formatEvaluationTable } from './evaluation-table.js';

describe('formatEvaluationTable', () => {
  const handComputed = classificationMetrics([0.9, 0.8, 0.7, 0.6, 0.5, 0.4], [1, 0, 1, 1, 0, 0]);
  const noPurchase = classificationMetrics([0.2, 0.4], [0, 0]);
  const small: DatasetEvaluation = {
    dataset: 'retailrocket',
    split: 'before 2015-09-01 / after',
    clicks: [
      { click: 1, scorers: { model: handComputed, constant: noPurchase } },
      { click: 2, scorers: { model: handComputed } },
    ],
    overall: { model: handComputed, constant: noPurchase },
  };
  const lines = formatEvaluationTable(small).split('\n');

  it('has a title, a header, a rule, a row per click and scorer, then a rule and the overall rows', () => {
    expect(lines[0]).toBe('retailrocket — before 2015-09-01 / after');
    expect(lines[1]).toMatch(/^click\s+scorer\s+ROC-AUC\s+PR-AUC\s+log loss\s+ECE\s+acc@bestF1\s+F1\s+examples\s+positives$/);
    expect(lines[2]).toMatch(/^[- ]+$/);
    expect(lines.slice(3, 6).map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual([['1', 'model'], ['1', 'constant'], ['2', 'model']]);
    expect(lines[6]).toBe(lines[2]);
    expect(lines.slice(7).map((line) => line.trim().split(/\s+/).slice(0, 2))).toEqual([['all', 'model'], ['all', 'constant']]);
    expect(lines).toHaveLength(9);
  });

  it('shows the figures with 3 decimals in their columns, and n/a where a figure is undefined', () => {
    const [, , ...modelFigures] = lines[3]!.trim().split(/\s+/);
    // ROC-AUC 7/9, AP 29/36, ECE 2.5/6, best F1 6/7 at accuracy 5/6 — see the metrics' own tests.
    expect(modelFigures).toEqual(['0.778', '0.806', handComputed.logLoss.toFixed(3), '0.417', '0.833', '0.857', '6', '3']);
    expect(lines[4]!.trim().split(/\s+/).slice(2, 4)).toEqual(['n/a', 'n/a']);
  });

  it('aligns every column: all rows as wide as the rule, each figure ending where its header ends', () => {
    const header = lines[1]!;
    const rowsAndRules = lines.slice(2);
    for (const line of rowsAndRules) expect(line.length).toBe(lines[2]!.length);
    for (const heading of ['ROC-AUC', 'log loss', 'acc@bestF1', 'positives']) {
      const end = header.indexOf(heading) + heading.length;
      for (const line of rowsAndRules.filter((row) => !row.startsWith('-'))) {
        expect(line[end - 1]).toMatch(/[0-9a]/);
        expect(line[end] ?? ' ').toBe(' ');
      }
    }
  });

  it('lays out a full 10-click evaluation with three scorers', () => {
    const evaluation = syntheticDatasetEvaluation('rees46', 'October / November', 1);
    const table = formatEvaluationTable(evaluation);
    const rows = table.split('\n').slice(3).filter((line) => !line.startsWith('-'));
    expect(rows).toHaveLength(10 * 3 + 3);
    const click5 = evaluation.clicks[4]!.scorers.has_added_to_cart!;
    expect(rows[4 * 3 + 2]!.trim().split(/\s+/)).toEqual([
      '5', 'has_added_to_cart', click5.rocAuc.toFixed(3), click5.prAuc.toFixed(3), click5.logLoss.toFixed(3), click5.ece.toFixed(3),
      click5.atBestF1.accuracy.toFixed(3), click5.atBestF1.f1.toFixed(3), String(click5.examples), String(click5.positives),
    ]);
  });
});
