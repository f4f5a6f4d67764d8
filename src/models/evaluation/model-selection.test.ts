import { describe, expect, it } from 'vitest';
import { chooseSetting, selectOnValidation, type ValidationFigures } from './model-selection.js';

const figures = (rocAuc: number, ece: number, logLoss: number): ValidationFigures => ({ examples: 100, positives: 10, rocAuc, prAuc: 0.2, logLoss, ece });

describe('choosing a setting on validation', () => {
  it('takes the best ROC-AUC among the calibrated settings, even when an uncalibrated one ranks better', () => {
    expect(chooseSetting([figures(0.7, 0.01, 0.3), figures(0.9, 0.05, 0.2), figures(0.72, 0.019, 0.31)])).toBe(2);
  });

  it('takes the lowest log loss when no setting is calibrated', () => {
    expect(chooseSetting([figures(0.9, 0.05, 0.3), figures(0.8, 0.03, 0.25), figures(0.85, 0.04, 0.28)])).toBe(1);
  });

  it('keeps the earlier setting on a tie', () => {
    expect(chooseSetting([figures(0.7, 0.01, 0.3), figures(0.7, 0.01, 0.2)])).toBe(0);
  });

  it('scores every setting of the grid and marks exactly the chosen one', () => {
    const labels = [0, 0, 1, 1];
    const table = selectOnValidation([{ sharp: false }, { sharp: true }], ({ sharp }) => ({ scores: sharp ? [0.01, 0.01, 0.99, 0.99] : [0.5, 0.5, 0.5, 0.5], labels }));
    expect(table.map((row) => [row.settings.sharp, row.chosen])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(table[1]!.validation).toMatchObject({ examples: 4, positives: 2, rocAuc: 1 });
    expect(() => selectOnValidation([], () => ({ scores: [], labels: [] }))).toThrow(/grid of settings is empty/);
  });
});
