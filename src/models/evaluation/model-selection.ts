import { classificationMetrics } from './classification-metrics.js';

/** The calibration a setting must reach on validation to be chosen by ranking (the target). */
export const MAX_CHOSEN_ECE = 0.02;

/** How a setting is chosen, in words, for reports. */
export const SELECTION_RULE = `highest validation ROC-AUC among the settings with validation ECE < ${MAX_CHOSEN_ECE}; when none is that calibrated, lowest validation log loss`;

/** What a setting scored on the validation slice (every prediction pooled). */
export interface ValidationFigures {
  examples: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  logLoss: number;
  ece: number;
}

/** One row of a selection table: a setting, its validation figures, and whether it was chosen. */
export interface SelectionRow<S> {
  settings: S;
  validation: ValidationFigures;
  /** What training settled by itself for this setting (e.g. the trees early stopping kept). */
  learned?: Record<string, number>;
  chosen: boolean;
}

/**
 * Scores every setting of `grid` on the validation slice and marks the one `chooseSetting` picks. `score`
 * trains on the data before the validation slice and returns its predictions on the slice.
 *
 * @example
 * const table = selectOnValidation(grid, (settings) => ({ scores: fit(settings).predictAll(validation), labels }));
 * const chosen = table.find((row) => row.chosen)!.settings;
 */
export function selectOnValidation<S>(
  grid: readonly S[],
  score: (settings: S) => { scores: ArrayLike<number>; labels: ArrayLike<number>; learned?: Record<string, number> },
): SelectionRow<S>[] {
  if (grid.length === 0) throw new RangeError('the grid of settings is empty; give at least one');
  const rows = grid.map((settings): SelectionRow<S> => {
    const { scores, labels, learned } = score(settings);
    const { examples, positives, rocAuc, prAuc, logLoss, ece } = classificationMetrics(scores, labels);
    return { settings, validation: { examples, positives, rocAuc, prAuc, logLoss, ece }, ...(learned ? { learned } : {}), chosen: false };
  });
  rows[chooseSetting(rows.map((row) => row.validation))]!.chosen = true;
  return rows;
}

/**
 * The index of the setting `SELECTION_RULE` picks. Ranking decides among the calibrated settings, since
 * a campaign acts on the order of shoppers and on the probability itself; log loss, which weighs both,
 * decides when none is calibrated. Ties go to the earlier setting (list the simpler ones first).
 */
export function chooseSetting(figures: readonly ValidationFigures[]): number {
  const calibrated = figures.map((figure, index) => ({ figure, index })).filter(({ figure }) => figure.ece < MAX_CHOSEN_ECE && Number.isFinite(figure.rocAuc));
  if (calibrated.length > 0) return calibrated.reduce((best, next) => (next.figure.rocAuc > best.figure.rocAuc ? next : best)).index;
  return figures.reduce((best, figure, index) => (figure.logLoss < figures[best]!.logLoss ? index : best), 0);
}
