import { describe, expect, it } from 'vitest';
import { formatLeads } from './evaluation-leads.js';
import type { DatasetEvaluation } from './evaluation-report.js';

describe('formatLeads', () => {
  it('says clearly above only when the whole interval is above zero, and nothing where purchases are too few', () => {
    const evaluation: DatasetEvaluation = {
      dataset: 'd',
      split: 's',
      overall: {},
      clicks: [
        { click: 1, scorers: {}, lead: { over: 'has_added_to_cart', difference: 0.11, lower: 0.07, upper: 0.15, level: 0.95 } },
        { click: 2, scorers: {}, lead: { over: 'has_added_to_cart', difference: 0.02, lower: -0.01, upper: 0.05, level: 0.95 } },
        { click: 3, scorers: { model: { positives: 2 } as never } },
      ],
    };
    expect(formatLeads(evaluation).split('\n')).toEqual([
      'ROC-AUC lead of the model (paired bootstrap):',
      '  click  1: +0.110 [+0.070, +0.150] (95%): clearly above has_added_to_cart',
      '  click  2: +0.020 [-0.010, +0.050] (95%): not distinguishable from has_added_to_cart',
      '  click  3: too few purchases (2) to tell',
    ]);
  });
});
