import { rocAucDifferenceInterval } from '../evaluation/auc-ci.js';
import { classificationMetrics } from '../evaluation/classification-metrics.js';
import type { ClassificationMetrics, ClickEvaluation } from '../evaluation/evaluation-report.js';
import { DEFAULT_FTRL, FtrlLogisticRegression, type FtrlSettings } from './ftrl-logistic-regression.js';
import type { LabelledSession, SessionExample } from './session-examples.js';

export interface EppTrainingOptions {
  /** Share of sessions, the latest by start, held out for testing. */
  testFraction: number;
  /** Passes over the training examples, each in time order. */
  epochs: number;
  settings?: FtrlSettings;
  /** Clicks evaluated: 1 to this. */
  maxClick: number;
}

export const DEFAULT_TRAINING: EppTrainingOptions = { testFraction: 0.25, epochs: 5, maxClick: 10 };

export interface EppTrainingResult {
  model: FtrlLogisticRegression;
  /** Sessions starting before this instant trained the model; the rest tested it. */
  splitAt: number;
  trainSessions: number;
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
 * Trains on the earlier sessions and tests on the later ones (never shuffled across time), at each
 * click from 1 to `maxClick` beside the two baselines: the training set's purchase rate, and "has
 * added to cart" (the training set's rate with and without a cart add, so its log loss and
 * calibration are judged fairly; its ranking is the binary signal's).
 */
export function trainAndEvaluate(sessions: readonly LabelledSession[], options: EppTrainingOptions = DEFAULT_TRAINING): EppTrainingResult {
  const { train, test, splitAt } = splitByStart(sessions, options.testFraction);
  const trainExamples = labelledExamples(train);
  if (trainExamples.length === 0) throw new RangeError('the training period has no session with an event before its purchase');
  const positives = trainExamples.filter((example) => example.label === 1).length;
  if (positives === 0 || positives === trainExamples.length) {
    throw new RangeError(`the training period has only ${positives === 0 ? 'sessions without a purchase' : 'sessions with a purchase'}: nothing to learn from`);
  }
  const model = new FtrlLogisticRegression(options.settings ?? DEFAULT_FTRL);
  for (let epoch = 0; epoch < options.epochs; epoch++) for (const { example, label } of trainExamples) model.update(example.slots, label);

  const constant = positives / trainExamples.length;
  const cartRate = rateBy(trainExamples, true);
  const noCartRate = rateBy(trainExamples, false);
  const scorers: Record<string, (example: SessionExample) => number> = {
    model: (example) => model.predict(example.slots),
    constant: () => constant,
    has_added_to_cart: (example) => (example.hasCartAdd ? cartRate : noCartRate),
  };
  const testExamples = labelledExamples(test);
  const clicks: ClickEvaluation[] = [];
  for (let click = 1; click <= options.maxClick; click++) {
    const atClick = testExamples.filter(({ example }) => example.click === click);
    if (atClick.length === 0) break;
    clicks.push({ click, scorers: scoreAll(scorers, atClick), ...leadOverCart(scorers, atClick) });
  }
  return { model, splitAt, trainSessions: train.length, testSessions: test.length, trainExamples: trainExamples.length, clicks, overall: testExamples.length > 0 ? scoreAll(scorers, testExamples) : {}, test };
}

/** Goes on learning from sessions after the split, as the live learner would have (for the shipped model). */
export function continueTraining(model: FtrlLogisticRegression, sessions: readonly LabelledSession[]): void {
  for (const { example, label } of labelledExamples(sessions)) model.update(example.slots, label);
}

function splitByStart(sessions: readonly LabelledSession[], testFraction: number): { train: LabelledSession[]; test: LabelledSession[]; splitAt: number } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be between 0 and 1; got ${testFraction}`);
  const ordered = [...sessions].sort((a, b) => a.startedAt - b.startedAt);
  const splitAt = ordered[Math.floor(ordered.length * (1 - testFraction))]?.startedAt ?? Number.POSITIVE_INFINITY;
  return { train: ordered.filter((session) => session.startedAt < splitAt), test: ordered.filter((session) => session.startedAt >= splitAt), splitAt };
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

function rateBy(examples: readonly LabelledExample[], hasCartAdd: boolean): number {
  const group = examples.filter(({ example }) => example.hasCartAdd === hasCartAdd);
  // Laplace smoothing: a training period without a single cart add still gives a usable rate.
  return (group.filter(({ label }) => label === 1).length + 1) / (group.length + 2);
}

/** Below this many purchases at a click, a bootstrap interval of an AUC difference means nothing. */
const MIN_POSITIVES_FOR_LEAD = 10;

/** How far the model's ranking is ahead of "has added to cart", with a 95% paired bootstrap interval. */
function leadOverCart(scorers: Record<string, (example: SessionExample) => number>, examples: readonly LabelledExample[]): Pick<ClickEvaluation, 'lead'> {
  const labels = examples.map(({ label }) => label);
  const positives = labels.filter((label) => label === 1).length;
  if (positives < MIN_POSITIVES_FOR_LEAD || labels.length - positives < MIN_POSITIVES_FOR_LEAD) return {};
  const model = examples.map(({ example }) => scorers.model!(example));
  const cart = examples.map(({ example }) => scorers.has_added_to_cart!(example));
  const { difference, lower, upper, level } = rocAucDifferenceInterval(model, cart, labels, { seed: 7, resamples: 500 });
  return { lead: { over: 'has_added_to_cart', difference, lower, upper, level } };
}

function scoreAll(scorers: Record<string, (example: SessionExample) => number>, examples: readonly LabelledExample[]): Record<string, ClassificationMetrics> {
  const labels = examples.map(({ label }) => label);
  return Object.fromEntries(Object.entries(scorers).map(([name, score]) => [name, classificationMetrics(examples.map(({ example }) => score(example)), labels)]));
}
