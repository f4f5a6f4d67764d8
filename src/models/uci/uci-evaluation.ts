import { classificationMetrics, metricsAtThreshold } from '../evaluation/classification-metrics.js';
import type { ClassificationMetrics, ThresholdResult } from '../evaluation/evaluation-report.js';
import { selectOnValidation, SELECTION_RULE, type SelectionRow } from '../evaluation/model-selection.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { ftrlGrid, type FtrlCandidate } from '../epp/epp-training.js';
import { FtrlLogisticRegression } from '../epp/ftrl-logistic-regression.js';
import { chooseAndTrainTrees, type LabelledRows } from '../gbdt/choose-trees.js';
import type { GbdtSettings } from '../gbdt/gradient-boosted-trees.js';
import { timed } from '../timed.js';
import type { UciSession } from './uci-shoppers.js';

/**
 * Figures published on this table (see docs/prediction.md for where each was read and what it was
 * measured on; Sakar's could not be checked against the paper). `null` where none is given.
 */
export const UCI_PUBLISHED = [
  { source: 'Sakar et al. 2019, MLP, oversampled (as cited; not verified)', accuracy: 0.8724, f1: 0.86, rocAuc: null },
  { source: 'Abdullah-All-Tanvir et al. 2023, XGBoost, oversampled', accuracy: 0.9065, f1: null, rocAuc: 0.937 },
] as const;

/** One model family on the table: chosen on validation, retrained on the 70%, tested once on the 30%. */
export interface UciFamilyEvaluation<S> {
  /** Test-set metrics of the chosen setting retrained on the whole training part. */
  model: ClassificationMetrics;
  /** Accuracy and F1 on the test set at the threshold that was most accurate on validation. */
  atValidationThreshold: ThresholdResult;
  selection: SelectionRow<S>[];
  chosen: S;
  trainingSeconds: number;
}

export interface UciEvaluation {
  rows: number;
  testRows: number;
  split: string;
  rule: string;
  ftrl: UciFamilyEvaluation<FtrlCandidate>;
  gbdt?: UciFamilyEvaluation<GbdtSettings>;
  constant: ClassificationMetrics;
}

/** FTRL on the table: shuffled passes (there is no time order to keep), 5, 10 or 20 of them. */
const UCI_FTRL_GRID = ftrlGrid([5, 10, 20]);

export interface UciEvaluationOptions {
  seed: number;
  /** Share of the training part (class-stratified, seeded) on which settings are chosen. */
  validationFraction: number;
  /** Also choose, train and test gradient-boosted trees. */
  gbdt: boolean;
}

/**
 * The table has no time order (only the month), so it is split as the paper did: a random,
 * class-stratified 70/30 split (seeded). The 70% is cut once more the same way into train-inner and
 * validation; each family's settings and the threshold for accuracy and F1 are chosen on validation,
 * then the chosen setting is retrained on the whole 70% and tested once on the 30%.
 */
export function evaluateUci(sessions: readonly UciSession[], options: UciEvaluationOptions = { seed: 42, validationFraction: 0.2, gbdt: true }): UciEvaluation {
  const random = seededRandom(options.seed);
  const [train, test] = stratifiedSplit(sessions, 0.3, random);
  const [inner, validation] = stratifiedSplit(train, options.validationFraction, random);
  const validationLabels = validation.map((session) => session.label);
  const testLabels = test.map((session) => session.label);

  const ftrl = timed(() => {
    const selection = selectOnValidation(UCI_FTRL_GRID, (candidate) => {
      const model = trainFtrl(candidate, inner, options.seed);
      return { scores: validation.map((session) => model.predict(session.slots)), labels: validationLabels };
    });
    const chosen = selection.find((row) => row.chosen)!.settings;
    const threshold = bestAccuracyThreshold(trainFtrl(chosen, inner, options.seed), validation, (model, session) => model.predict(session.slots));
    return { selection, chosen, threshold, model: trainFtrl(chosen, train, options.seed) };
  });
  const ftrlScores = test.map((session) => ftrl.result.model.predict(session.slots));

  let gbdt: UciFamilyEvaluation<GbdtSettings> | undefined;
  if (options.gbdt) {
    const trees = timed(() => chooseAndTrainTrees(denseRows(inner), denseRows(validation), denseRows(train)));
    // The threshold comes from the chosen setting as it was trained on train-inner, scored on validation.
    const threshold = bestAccuracyThreshold(trees.result.innerModel, validation, (model, session) => model.predict(session.dense));
    const scores = test.map((session) => trees.result.model.predict(session.dense));
    gbdt = {
      model: classificationMetrics(scores, testLabels),
      atValidationThreshold: metricsAtThreshold(scores, testLabels, threshold),
      selection: trees.result.selection,
      chosen: trees.result.chosen,
      trainingSeconds: trees.seconds,
    };
  }
  const positiveRate = train.filter((session) => session.label === 1).length / train.length;
  return {
    rows: sessions.length,
    testRows: test.length,
    split: `random class-stratified 70/30 (seed ${options.seed}); settings and threshold chosen on a stratified ${Math.round(options.validationFraction * 100)}% of the 70%`,
    rule: SELECTION_RULE,
    ftrl: {
      model: classificationMetrics(ftrlScores, testLabels),
      atValidationThreshold: metricsAtThreshold(ftrlScores, testLabels, ftrl.result.threshold),
      selection: ftrl.result.selection,
      chosen: ftrl.result.chosen,
      trainingSeconds: ftrl.seconds,
    },
    ...(gbdt ? { gbdt } : {}),
    constant: classificationMetrics(test.map(() => positiveRate), testLabels),
  };
}

/** FTRL over shuffled passes; the shuffle is seeded per call so every setting sees the same orders. */
function trainFtrl(candidate: FtrlCandidate, sessions: readonly UciSession[], seed: number): FtrlLogisticRegression {
  const random = seededRandom(seed + 1);
  const model = new FtrlLogisticRegression(candidate.settings);
  for (let epoch = 0; epoch < candidate.epochs; epoch++) for (const session of shuffle(sessions, random)) model.update(session.slots, session.label);
  return model;
}

function bestAccuracyThreshold<M>(model: M, validation: readonly UciSession[], predict: (model: M, session: UciSession) => number): number {
  return classificationMetrics(validation.map((session) => predict(model, session)), validation.map((session) => session.label)).atBestAccuracy.threshold;
}

function denseRows(sessions: readonly UciSession[]): LabelledRows {
  return { rows: sessions.map((session) => session.dense), labels: sessions.map((session) => session.label) };
}

/** Each class shuffled (seeded) and cut at the same share, so both parts keep the purchase rate. */
function stratifiedSplit(sessions: readonly UciSession[], laterShare: number, random: () => number): [UciSession[], UciSession[]] {
  const first: UciSession[] = [];
  const second: UciSession[] = [];
  for (const label of [0, 1] as const) {
    const group = shuffle(sessions.filter((session) => session.label === label), random);
    const cut = Math.round(group.length * (1 - laterShare));
    first.push(...group.slice(0, cut));
    second.push(...group.slice(cut));
  }
  return [first, second];
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
