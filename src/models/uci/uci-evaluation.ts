import { classificationMetrics, metricsAtThreshold } from '../evaluation/classification-metrics.js';
import type { ClassificationMetrics, ThresholdResult } from '../evaluation/evaluation-report.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { FtrlLogisticRegression, type FtrlSettings } from '../epp/ftrl-logistic-regression.js';
import type { UciSession } from './uci-shoppers.js';

/** The published figures the issue compares against (accuracy and F1 on their own splits). */
export const UCI_PUBLISHED = [
  { source: 'Sakar et al. 2019, MLP (oversampling, feature selection)', accuracy: 0.8724, f1: 0.86, rocAuc: null },
  { source: 'later work: XGBoost with feature selection', accuracy: 0.9065, f1: null, rocAuc: 0.937 },
] as const;

export interface UciEvaluation {
  rows: number;
  testRows: number;
  /** Test-set metrics; accuracy and F1 at the threshold that was best on the training set. */
  model: ClassificationMetrics;
  atTrainedThreshold: ThresholdResult;
  constant: ClassificationMetrics;
  split: string;
}

const UCI_FTRL: FtrlSettings = { alpha: 0.05, beta: 1, l1: 0.5, l2: 1 };

/**
 * The table has no time order (only the month), so it is split as the paper did: a random,
 * class-stratified 70/30 split (seeded). The threshold for accuracy and F1 is chosen on the training
 * set, never on the test set.
 */
export function evaluateUci(sessions: readonly UciSession[], options: { seed: number; epochs: number } = { seed: 42, epochs: 10 }): UciEvaluation {
  const random = seededRandom(options.seed);
  const train: UciSession[] = [];
  const test: UciSession[] = [];
  for (const label of [0, 1] as const) {
    const group = shuffle(sessions.filter((session) => session.label === label), random);
    const cut = Math.round(group.length * 0.7);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  const model = new FtrlLogisticRegression(UCI_FTRL);
  for (let epoch = 0; epoch < options.epochs; epoch++) for (const session of shuffle(train, random)) model.update(session.slots, session.label);
  const trained = classificationMetrics(train.map((session) => model.predict(session.slots)), train.map((session) => session.label));
  const threshold = trained.atBestAccuracy.threshold;
  const scores = test.map((session) => model.predict(session.slots));
  const labels = test.map((session) => session.label);
  const positiveRate = train.filter((session) => session.label === 1).length / train.length;
  return {
    rows: sessions.length,
    testRows: test.length,
    model: classificationMetrics(scores, labels),
    atTrainedThreshold: metricsAtThreshold(scores, labels, threshold),
    constant: classificationMetrics(scores.map(() => positiveRate), labels),
    split: `random class-stratified 70/30 (seed ${options.seed}); ${options.epochs} shuffled passes`,
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
