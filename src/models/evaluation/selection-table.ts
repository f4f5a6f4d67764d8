import type { SelectionRow } from './model-selection.js';

/**
 * A plain-text table of a selection on validation: one line per setting (described by `describe`),
 * its validation ROC-AUC, PR-AUC, log loss and ECE, what training settled by itself, and `◀ chosen`
 * on the chosen one.
 *
 * @example
 * console.log(formatSelectionTable('FTRL', rows, (candidate) => `passes ${candidate.epochs}`));
 */
export function formatSelectionTable<S>(title: string, rows: readonly SelectionRow<S>[], describe: (settings: S) => string): string {
  const described = rows.map((row) => describe(row.settings));
  const width = Math.max(7, ...described.map((text) => text.length));
  const figure = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : 'n/a').padStart(9);
  const lines = rows.map((row, i) => {
    const { rocAuc, prAuc, logLoss, ece } = row.validation;
    const learned = row.learned ? `  ${Object.entries(row.learned).map(([name, value]) => `${name} ${value}`).join(', ')}` : '';
    return `  ${described[i]!.padEnd(width)}${figure(rocAuc)}${figure(prAuc)}${figure(logLoss)}${figure(ece)}${learned}${row.chosen ? '  ◀ chosen' : ''}`;
  });
  const first = rows[0]?.validation;
  const size = first ? ` (${first.examples.toLocaleString('en-US')} validation examples, ${first.positives.toLocaleString('en-US')} buyers)` : '';
  return [`${title}${size}`, `  ${'setting'.padEnd(width)}${['ROC-AUC', 'PR-AUC', 'log loss', 'ECE'].map((header) => header.padStart(9)).join('')}`, ...lines].join('\n');
}
