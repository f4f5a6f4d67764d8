import type { ClickstreamFormat } from '../../datasets/clickstream-format.js';
import type { RowTally } from '../../cli/row-tally.js';
import type { DatasetEvaluation } from '../evaluation/evaluation-report.js';
import { SELECTION_RULE } from '../evaluation/model-selection.js';
import { EPP_FEATURE_VERSION, type EppArtifact } from './epp-artifact.js';
import { FEATURE_BITS } from './feature-hashing.js';
import { continueTraining, trainAndEvaluate, type EppTrainingOptions } from './epp-training.js';
import { SessionExampleBuilder } from './session-examples.js';
import { trainingEvents } from './training-events.js';

export interface TrainEppRun {
  artifact: EppArtifact;
  evaluation: DatasetEvaluation;
  events: number;
  sessions: number;
  censored: number;
  trainExamples: number;
  nonZeroWeights: number;
}

/**
 * Reads a clickstream, builds labelled session prefixes, chooses settings on the latest training
 * sessions, trains on the earlier sessions and tests on the later ones, then lets the model go on
 * learning from the test period (as the live learner would) before it is packed as an artifact
 * carrying the test metrics.
 */
export async function trainEpp(
  file: string,
  options: EppTrainingOptions & { format?: ClickstreamFormat; id: string; tally: RowTally; onProgress?: () => void },
): Promise<TrainEppRun> {
  const builder = new SessionExampleBuilder();
  let read = 0;
  for await (const event of trainingEvents(file, options.tally, options.format)) {
    builder.add(event);
    if (++read % 5000 === 0) options.onProgress?.();
  }
  const { sessions, censored } = builder.finish();
  if (sessions.length === 0) throw new RangeError(`${file} holds no complete session to learn from`);
  const result = trainAndEvaluate(sessions, options);
  continueTraining(result.model, result.test);
  const count = (value: number) => value.toLocaleString('en-US');
  const split =
    `sessions starting before ${new Date(result.splitAt).toISOString()} trained (${count(result.trainSessions)}; settings chosen on the ${count(result.validationSessions)} ` +
    `from ${new Date(result.validationFrom).toISOString()}), the later ${count(result.testSessions)} tested`;
  const evaluation: DatasetEvaluation = {
    dataset: file.split('/').at(-1)!,
    split,
    clicks: result.clicks,
    overall: result.overall,
    selection: { rule: SELECTION_RULE, ftrl: result.ftrl.selection, ...(result.gbdt ? { gbdt: result.gbdt.selection } : {}) },
    trainingSeconds: { ftrl: result.ftrl.trainingSeconds, ...(result.gbdt ? { gbdt: result.gbdt.trainingSeconds } : {}) },
  };
  const artifact: EppArtifact = {
    format: 'kairos-epp',
    featureVersion: EPP_FEATURE_VERSION,
    featureBits: FEATURE_BITS,
    id: options.id,
    createdAt: new Date().toISOString(),
    source: 'offline',
    trainedOn: { file: evaluation.dataset, events: options.tally.accepted, sessions: sessions.length, censoredSessions: censored, split, epochs: result.ftrl.chosen.epochs },
    metrics: { clicks: result.clicks.map(summariseClick), overall: summarise(result.overall) },
    ftrl: result.model.toState(),
    items: builder.items.toState(),
  };
  return { artifact, evaluation, events: options.tally.accepted, sessions: sessions.length, censored, trainExamples: result.trainExamples, nonZeroWeights: result.model.nonZeroWeights() };
}

/** The headline figures of each scorer (the reliability bins stay in the evaluation report). */
function summarise(scorers: DatasetEvaluation['overall']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(scorers).map(([name, metrics]) => [name, { examples: metrics.examples, positives: metrics.positives, rocAuc: metrics.rocAuc, prAuc: metrics.prAuc, logLoss: metrics.logLoss, ece: metrics.ece }]),
  );
}

function summariseClick(click: DatasetEvaluation['clicks'][number]): Record<string, unknown> {
  return { click: click.click, ...summarise(click.scorers) };
}
