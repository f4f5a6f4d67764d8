/**
 * What early purchase prediction costs the ingestion path per event: the same Taobao events folded into
 * profiles without a scorer, with the session scorer that serves (FTRL: features, hashing, the dot
 * product and the bookkeeping for the live learner), with FTRL's prediction alone, and with
 * gradient-boosted trees scoring the dense
 * view of the same features (trained here on the file's sessions, with the settings `kairos eval epp`
 * chose on validation for the Taobao extract). The differences are each scorer's own cost, measured in
 * one run.
 *
 *   node --import tsx bench/epp-scoring.bench.ts [clickstream] [rounds]
 */
import { readFileSync } from 'node:fs';
import { RowTally } from '../src/cli/row-tally.js';
import { interpretCommerce, type CommerceFacts } from '../src/ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../src/ingestion/kairos-event.js';
import { decodeArtifact } from '../src/models/epp/epp-artifact.js';
import { denseEppFeatures, eppFeatures, eppFeatureValues } from '../src/models/epp/epp-features.js';
import { DEFAULT_EPP_ARTIFACT } from '../src/models/epp/epp-service.js';
import { FtrlLogisticRegression } from '../src/models/epp/ftrl-logistic-regression.js';
import { ItemStats } from '../src/models/epp/item-stats.js';
import { SessionExampleBuilder } from '../src/models/epp/session-examples.js';
import { SessionPurchaseScorer } from '../src/models/epp/session-purchase-scorer.js';
import { trainingEvents } from '../src/models/epp/training-events.js';
import { GradientBoostedTrees } from '../src/models/gbdt/gradient-boosted-trees.js';
import { isShoppingEvent } from '../src/profiles/feature-constants.js';
import { applyEvent } from '../src/profiles/apply-event.js';
import { emptyProfileState, type ProfileState } from '../src/profiles/profile-state.js';

const file = process.argv[2] ?? 'samples/taobao-head-20000.csv.gz';
const rounds = Number(process.argv[3] ?? 5);
const events: KairosEvent[] = [];
for await (const event of trainingEvents(file, new RowTally())) events.push(event);

// The trees: the Taobao extract's choice on validation (depth 3, rate 0.05, min leaf 200, 82 trees).
const builder = new SessionExampleBuilder();
for (const event of events) builder.add(event);
const examples = builder.finish().sessions.flatMap((session) => session.examples.map((example) => ({ example, label: session.bought ? 1 : 0 })));
const trainingStarted = performance.now();
const trees = GradientBoostedTrees.train(
  examples.map(({ example }) => example.dense),
  examples.map(({ label }) => label),
  { trees: 82, maxDepth: 3, learningRate: 0.05, minSamplesLeaf: 200, l2: 1, bins: 64 },
);
const treeTrainingSeconds = (performance.now() - trainingStarted) / 1000;

type Score = (state: ProfileState, event: KairosEvent, facts: CommerceFacts, index: number) => void;

function run(score: Score | undefined): number {
  const profiles = new Map<string, ProfileState>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const event = structuredClone(events[i]!);
    const key = event.userId ?? event.anonymousId!;
    let state = profiles.get(key);
    if (!state) profiles.set(key, (state = emptyProfileState(key, event.timestamp)));
    const facts = interpretCommerce(event);
    applyEvent(state, event, facts);
    score?.(state, event, facts, i);
  }
  return Number(process.hrtime.bigint() - started) / 1000 / events.length;
}

function ftrl(): Score {
  const scorer = new SessionPurchaseScorer(decodeArtifact(readFileSync(DEFAULT_EPP_ARTIFACT)));
  return (state, event, facts, i) => {
    scorer.score(state, event, facts);
    if (i % 100 === 99) scorer.commit(); // the pipeline commits once per batch
  };
}

/** FTRL's prediction alone (features, hashing, the dot product), without the live learner: the like-for-like comparison with the trees. */
function ftrlPredictOnly(): Score {
  const model = FtrlLogisticRegression.fromState(decodeArtifact(readFileSync(DEFAULT_EPP_ARTIFACT)).ftrl);
  const items = new ItemStats();
  return (state, event, facts) => {
    if (isShoppingEvent(event)) {
      const session = state.sessions[event.channel];
      if (session !== undefined) session.purchaseProbability = session.purchases > 0 ? 1 : model.predict(eppFeatures(state, session, event, facts, items));
    }
    items.add(facts);
  };
}

/** What a tree scorer in the pipeline would do: the same features, their dense view, the trees, and the item counters kept up. */
function gbdt(): Score {
  const items = new ItemStats();
  return (state, event, facts) => {
    if (isShoppingEvent(event)) {
      const session = state.sessions[event.channel];
      if (session !== undefined) session.purchaseProbability = session.purchases > 0 ? 1 : trees.predict(denseEppFeatures(eppFeatureValues(state, session, event, facts, items)));
    }
    items.add(facts);
  };
}

const without: number[] = [];
const withFtrl: number[] = [];
const withFtrlPredictOnly: number[] = [];
const withTrees: number[] = [];
for (let round = 0; round < rounds; round++) {
  without.push(run(undefined));
  withFtrl.push(run(ftrl()));
  withFtrlPredictOnly.push(run(ftrlPredictOnly()));
  withTrees.push(run(gbdt()));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const result = {
  file,
  events: events.length,
  rounds,
  foldUsPerEvent: median(without),
  foldAndScoreUsPerEvent: median(withFtrl),
  scoringUsPerEvent: median(withFtrl) - median(without),
  ftrlPredictOnlyUsPerEvent: median(withFtrlPredictOnly) - median(without),
  gbdt: { trees: trees.size, trainingExamples: examples.length, trainingSeconds: treeTrainingSeconds, foldAndScoreUsPerEvent: median(withTrees), scoringUsPerEvent: median(withTrees) - median(without) },
};
console.log(JSON.stringify(result, null, 2));
