import { describe, expect, it } from 'vitest';
import { formatSelectionTable } from './selection-table.js';

describe('formatSelectionTable', () => {
  it('lists every setting with its validation figures and marks the chosen one', () => {
    const validation = { examples: 1200, positives: 80, rocAuc: 0.65, prAuc: 0.12, logLoss: 0.23, ece: 0.011 };
    const text = formatSelectionTable(
      'trees',
      [
        { settings: { depth: 3 }, validation, learned: { trees: 120 }, chosen: false },
        { settings: { depth: 5 }, validation: { ...validation, rocAuc: Number.NaN }, chosen: true },
      ],
      (settings) => `depth ${settings.depth}`,
    );
    expect(text.split('\n')).toEqual([
      'trees (1,200 validation examples, 80 buyers)',
      '  setting  ROC-AUC   PR-AUC log loss      ECE',
      '  depth 3   0.6500   0.1200   0.2300   0.0110  trees 120',
      '  depth 5      n/a   0.1200   0.2300   0.0110  ◀ chosen',
    ]);
  });
});
