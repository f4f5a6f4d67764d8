import { selectOnValidation, type SelectionRow } from '../evaluation/model-selection.js';
import { GradientBoostedTrees, type GbdtSettings } from './gradient-boosted-trees.js';

/** Rows and their 0/1 labels. */
export interface LabelledRows {
  rows: readonly ArrayLike<number>[];
  labels: ArrayLike<number>;
}

/** Boosting rounds at most; early stopping on validation settles how many each setting keeps. */
const MAX_TREES = 400;
/** Rounds without a better validation log loss before a setting stops adding trees. */
const TREE_PATIENCE = 30;

/**
 * The tree settings tried on validation (8): depth 3, 5 × learning rate 0.05, 0.1 × at least 200 or 50
 * training rows per leaf, with L2 1 on leaf values and 64 quantile bins.
 */
export const GBDT_GRID: readonly GbdtSettings[] = [3, 5].flatMap((maxDepth) =>
  [0.05, 0.1].flatMap((learningRate) => [200, 50].map((minSamplesLeaf) => ({ trees: MAX_TREES, maxDepth, learningRate, minSamplesLeaf, l2: 1, bins: 64 }))),
);

/**
 * Scores each setting of `GBDT_GRID` on `validation` (trained on `inner`, stopped early on the same
 * slice), then retrains the chosen one on `train` (inner and validation together) with the number of
 * trees it kept, so the test data is never looked at.
 */
export function chooseAndTrainTrees(inner: LabelledRows, validation: LabelledRows, train: LabelledRows): ChosenTrees {
  const earlyStopping = { ...validation, patience: TREE_PATIENCE };
  const innerModels: GradientBoostedTrees[] = [];
  const selection = selectOnValidation(GBDT_GRID, (settings) => {
    const trees = GradientBoostedTrees.train(inner.rows, inner.labels, settings, earlyStopping);
    innerModels.push(trees);
    return { scores: validation.rows.map((row) => trees.predict(row)), labels: validation.labels, learned: { trees: trees.size } };
  });
  const index = selection.findIndex((candidate) => candidate.chosen);
  const chosen = { ...selection[index]!.settings, trees: innerModels[index]!.size };
  return { selection, chosen, innerModel: innerModels[index]!, model: GradientBoostedTrees.train(train.rows, train.labels, chosen) };
}

export interface ChosenTrees {
  selection: SelectionRow<GbdtSettings>[];
  /** The chosen setting with the number of trees early stopping kept. */
  chosen: GbdtSettings;
  /** The chosen setting as trained on train-inner (what validation scored, e.g. for choosing a threshold). */
  innerModel: GradientBoostedTrees;
  /** The chosen setting retrained on the whole training part. */
  model: GradientBoostedTrees;
}
