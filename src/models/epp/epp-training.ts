import { rocAucDifferenceInterval } from '../evaluation/auc-ci.js';
import { classificationMetrics } from '../evaluation/classification-metrics.js';
import type { ClassificationMetrics, ClickEvaluation, Lead } from '../evaluation/evaluation-report.js';
import { selectOnValidation, type SelectionRow } from '../evaluation/model-selection.js';
import { chooseAndTrainTrees, type LabelledRows } from '../gbdt/choose-trees.js';
import type { GradientBoostedTrees, GbdtSettings } from '../gbdt/gradient-boosted-trees.js';
import { timed } from '../timed.js';
import { FtrlLogisticRegression, type FtrlSettings } from './ftrl-logistic-regression.js';
import type { LabelledSession, SessionExample } from './session-examples.js';
import { timeSplit } from './time-split.js';

export interface EppTrainingOptions {
  /** Share of sessions, the latest by start, held out for testing. */
  testFraction: number;
  /** Share of the training sessions, the latest by start, on which settings are chosen. */
  validationFraction: number;
  /** Clicks evaluated: 1 to this (validation figures pool the same clicks). */
  maxClick: number;
  /** Also choose, train and test gradient-boosted trees beside FTRL (the model that serves). */
  gbdt: boolean;
}

export const DEFAULT_TRAINING: EppTrainingOptions = { testFraction: 0.25, validationFraction: 0.2, maxClick: 10, gbdt: false };

/** An FTRL setting of the grid: the learner's settings and the passes over the training examples. */
export interface FtrlCandidate {
  epochs: number;
  settings: FtrlSettings;
}

/**
 * FTRL settings to try on validation (18 for three pass counts): each pass count × learning rate 0.02,
 * 0.05, 0.1 × L1 0.5, 2, with beta 1 and L2 1 (beta and L2 moved nothing in earlier trials). Fewer passes
 * first, so the simpler setting wins a tie.
 */
export function ftrlGrid(passes: readonly number[]): FtrlCandidate[] {
  return passes.flatMap((epochs) => [0.02, 0.05, 0.1].flatMap((alpha) => [0.5, 2].map((l1) => ({ epochs, settings: { alpha, beta: 1, l1, l2: 1 } }))));
}

/** The clickstream grid: 1, 3 or 5 passes in time order. */
export const FTRL_GRID: readonly FtrlCandidate[] = ftrlGrid([1, 3, 5]);

/** One family's choice: every setting with its validation figures, the chosen one, and the training time. */
export interface FamilySelection<S> {
  selection: SelectionRow<S>[];
  chosen: S;
  /** Seconds to score the grid on validation and retrain the chosen setting on the whole training period. */
  trainingSeconds: number;
}

export interface EppTrainingResult {
  model: FtrlLogisticRegression;
  ftrl: FamilySelection<FtrlCandidate>;
  gbdt?: FamilySelection<GbdtSettings> & { model: GradientBoostedTrees };
  /** Sessions starting before this instant trained the model; the rest tested it. */
  splitAt: number;
  /** Sessions starting from this instant up to `splitAt` were the validation period. */
  validationFrom: number;
  trainSessions: number;
  validationSessions: number;
  testSessions: number;
  trainExamples: number;
  clicks: ClickEvaluation[];
  overall: Record<string, ClassificationMetrics>;
  /** The sessions that tested it, for learning from afterwards. */
  test: LabelledSession[];
}

/** The baselines the issue asks for, named as they appear in reports. */
export const BASELINES = ['constant', 'has_added_to_cart'] as const;

/**
 * Chooses each family's settings on the latest sessions of the training period (trained on the ones
 * before), retrains the chosen ones on the whole training period, and tests them once on the later
 * sessions (never shuffled across time), at each click from 1 to `maxClick`, beside the two
 * baselines: the training set's purchase rate, and "has added to cart" (the training set's rate with
 * and without a cart add, so its log loss and calibration are judged fairly; its ranking is the
 * binary signal's). `model` is FTRL, which serves; `gbdt` the trees, when asked for.
 */
export function trainAndEvaluate(sessions: readonly LabelledSession[], options: EppTrainingOptions = DEFAULT_TRAINING): EppTrainingResult {
  const split = timeSplit(sessions, options.testFraction, options.validationFraction);
  const trainExamples = labelledExamples(split.train);
  refuseUnlearnable(trainExamples, 'the training period');
  const innerExamples = labelledExamples(split.trainInner);
  refuseUnlearnable(innerExamples, `the training period before the validation slice (the earliest ${Math.round((1 - options.validationFraction) * 100)}% of training sessions)`);
  const validationExamples = labelledExamples(split.validation).filter(({ example }) => example.click <= options.maxClick);
  if (validationExamples.length === 0) throw new RangeError(`the validation slice (the latest ${Math.round(options.validationFraction * 100)}% of training sessions) has no example at clicks 1–${options.maxClick}`);
  const validationLabels = validationExamples.map(({ label }) => label);

  const ftrl = timed(() => {
    const selection = selectOnValidation(FTRL_GRID, (candidate) => {
      const inner = trainFtrl(candidate, innerExamples);
      return { scores: validationExamples.map(({ example }) => inner.predict(example.slots)), labels: validationLabels };
    });
    const chosen = selection.find((row) => row.chosen)!.settings;
    return { selection, chosen, model: trainFtrl(chosen, trainExamples) };
  });
  const model = ftrl.result.model;

  const gbdt = options.gbdt ? timed(() => chooseAndTrainTrees(denseRows(innerExamples), denseRows(validationExamples), denseRows(trainExamples))) : undefined;

  const constant = trainExamples.filter(({ label }) => label === 1).length / trainExamples.length;
  const cartRate = rateBy(trainExamples, true);
  const noCartRate = rateBy(trainExamples, false);
  const scorers: Record<string, (example: SessionExample) => number> = { model: (example) => model.predict(example.slots) };
  if (gbdt) scorers.gbdt = (example) => gbdt.result.model.predict(example.dense);
  scorers.constant = () => constant;
  scorers.has_added_to_cart = (example) => (example.hasCartAdd ? cartRate : noCartRate);

  const testExamples = labelledExamples(split.test);
  const clicks: ClickEvaluation[] = [];
  for (let click = 1; click <= options.maxClick; click++) {
    const atClick = testExamples.filter(({ example }) => example.click === click);
    if (atClick.length === 0) break;
    const lead = leadOf(scorers, 'model', 'has_added_to_cart', atClick);
    const gbdtLead = gbdt ? leadOf(scorers, 'gbdt', 'model', atClick) : undefined;
    clicks.push({ click, scorers: scoreAll(scorers, atClick), ...(lead ? { lead } : {}), ...(gbdtLead ? { gbdtLead } : {}) });
  }
  return {
    model,
    ftrl: { selection: ftrl.result.selection, chosen: ftrl.result.chosen, trainingSeconds: ftrl.seconds },
    ...(gbdt ? { gbdt: { ...gbdt.result, trainingSeconds: gbdt.seconds } } : {}),
    splitAt: split.testFrom,
    validationFrom: split.validationFrom,
    trainSessions: split.train.length,
    validationSessions: split.validation.length,
    testSessions: split.test.length,
    trainExamples: trainExamples.length,
    clicks,
    overall: testExamples.length > 0 ? scoreAll(scorers, testExamples) : {},
    test: split.test,
  };
}

/** Goes on learning from sessions after the split, as the live learner would have (for the shipped model). */
export function continueTraining(model: FtrlLogisticRegression, sessions: readonly LabelledSession[]): void {
  for (const { example, label } of labelledExamples(sessions)) model.update(example.slots, label);
}

/** FTRL's passes over the examples, each in the order they happened (as the live learner sees them). */
function trainFtrl(candidate: FtrlCandidate, examples: readonly LabelledExample[]): FtrlLogisticRegression {
  const model = new FtrlLogisticRegression(candidate.settings);
  for (let epoch = 0; epoch < candidate.epochs; epoch++) for (const { example, label } of examples) model.update(example.slots, label);
  return model;
}

interface LabelledExample {
  example: SessionExample;
  label: 0 | 1;
}

/** Every example of the sessions with its session's outcome, in the order the examples happened. */
function labelledExamples(sessions: readonly LabelledSession[]): LabelledExample[] {
  const all: LabelledExample[] = [];
  for (const session of sessions) for (const example of session.examples) all.push({ example, label: session.bought ? 1 : 0 });
  return all.sort((a, b) => a.example.at - b.example.at);
}

function denseRows(examples: readonly LabelledExample[]): LabelledRows {
  return { rows: examples.map(({ example }) => example.dense), labels: examples.map(({ label }) => label) };
}

function refuseUnlearnable(examples: readonly LabelledExample[], period: string): void {
  if (examples.length === 0) throw new RangeError(`${period} has no session with an event before its purchase`);
  const positives = examples.filter(({ label }) => label === 1).length;
  if (positives === 0 || positives === examples.length) {
    throw new RangeError(`${period} has only ${positives === 0 ? 'sessions without a purchase' : 'sessions with a purchase'}: nothing to learn from`);
  }
}

function rateBy(examples: readonly LabelledExample[], hasCartAdd: boolean): number {
  const group = examples.filter(({ example }) => example.hasCartAdd === hasCartAdd);
  // Laplace smoothing: a training period without a single cart add still gives a usable rate.
  return (group.filter(({ label }) => label === 1).length + 1) / (group.length + 2);
}

/** Below this many purchases at a click, a bootstrap interval of an AUC difference means nothing. */
const MIN_POSITIVES_FOR_LEAD = 10;

/** How far one scorer's ranking is ahead of another's, with a 95% paired bootstrap interval. */
function leadOf(scorers: Record<string, (example: SessionExample) => number>, scorer: string, over: string, examples: readonly LabelledExample[]): Lead | undefined {
  const labels = examples.map(({ label }) => label);
  const positives = labels.filter((label) => label === 1).length;
  if (positives < MIN_POSITIVES_FOR_LEAD || labels.length - positives < MIN_POSITIVES_FOR_LEAD) return undefined;
  const scores = examples.map(({ example }) => scorers[scorer]!(example));
  const baseline = examples.map(({ example }) => scorers[over]!(example));
  const { difference, lower, upper, level } = rocAucDifferenceInterval(scores, baseline, labels, { seed: 7, resamples: 500 });
  return { over, difference, lower, upper, level };
}

function scoreAll(scorers: Record<string, (example: SessionExample) => number>, examples: readonly LabelledExample[]): Record<string, ClassificationMetrics> {
  const labels = examples.map(({ label }) => label);
  return Object.fromEntries(Object.entries(scorers).map(([name, score]) => [name, classificationMetrics(examples.map(({ example }) => score(example)), labels)]));
}
