import type { Interaction } from '../interaction.js';
import { prefixQueries } from './prefix-queries.js';
import type { EvaluationQuery, EvaluationSplit } from './recs-evaluation.js';
import { readSrgnnSamples, readSrgnnSessions } from './srgnn-split.js';

/** The share of training sessions (the latest, in file order) held out to choose hyperparameters on. */
export const VALIDATION_SHARE = 0.1;

/**
 * An SR-GNN split (YOOCHOOSE, DIGINETICA) as an evaluation: the training sessions in file order,
 * each click timed by its session's place in the file (the files carry no timestamps, and the order
 * is SR-GNN's chronological one), and the test samples exactly as SR-GNN scores them. Targets never
 * seen in training stay in the denominator, as in SR-GNN's own evaluation (it scores every test
 * sample against all item embeddings; it does not drop them).
 *
 * With `validation`, the test file is not read: the last 10% of training sessions become the test,
 * every prefix predicting its next click, and only the earlier 90% are trained on.
 */
export async function srgnnEvaluationSplit(trainFile: string, test: { file: string } | 'validation'): Promise<EvaluationSplit> {
  const sessions = await readSrgnnSessions(trainFile);
  const name = trainFile.split('/').at(-1)!;
  if (test === 'validation') {
    const trained = Math.round(sessions.length * (1 - VALIDATION_SHARE));
    return {
      dataset: name,
      split: `SR-GNN split, validation: the first ${trained.toLocaleString('en-US')} training sessions trained, every prefix of the last ${(sessions.length - trained).toLocaleString('en-US')} tested`,
      training: interactionsOf(sessions.slice(0, trained)),
      queries: sessions.slice(trained).flatMap((session) => prefixQueries(session, trained)),
    };
  }
  const queries: EvaluationQuery[] = (await readSrgnnSamples(test.file)).map(({ prefix, target }) => ({
    context: { now: sessions.length, products: [], cart: [], sessionItems: prefix },
    target,
  }));
  return {
    dataset: name,
    split: `SR-GNN split: ${sessions.length.toLocaleString('en-US')} training sessions, the test samples of ${test.file.split('/').at(-1)!}`,
    training: interactionsOf(sessions),
    queries,
  };
}

function interactionsOf(sessions: readonly string[][]): Interaction[] {
  return sessions.flatMap((items, index) =>
    items.map((itemId): Interaction => ({ sessionId: `s${index}`, profileId: `s${index}`, itemId, kind: 'view', at: index })),
  );
}
