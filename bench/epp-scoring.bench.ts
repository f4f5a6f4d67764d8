/**
 * What early purchase prediction costs the ingestion path per event: the same Taobao events folded into
 * profiles with and without the session scorer (features, hashing, the dot product and the bookkeeping
 * for the live learner), so the difference is the scorer's own cost, measured in one run.
 *
 *   node --import tsx bench/epp-scoring.bench.ts [clickstream] [rounds]
 */
import { readFileSync } from 'node:fs';
import { RowTally } from '../src/cli/row-tally.js';
import { interpretCommerce } from '../src/ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../src/ingestion/kairos-event.js';
import { decodeArtifact } from '../src/models/epp/epp-artifact.js';
import { DEFAULT_EPP_ARTIFACT } from '../src/models/epp/epp-service.js';
import { SessionPurchaseScorer } from '../src/models/epp/session-purchase-scorer.js';
import { trainingEvents } from '../src/models/epp/training-events.js';
import { applyEvent } from '../src/profiles/apply-event.js';
import { emptyProfileState, type ProfileState } from '../src/profiles/profile-state.js';

const file = process.argv[2] ?? 'samples/taobao-head-20000.csv.gz';
const rounds = Number(process.argv[3] ?? 5);
const events: KairosEvent[] = [];
for await (const event of trainingEvents(file, new RowTally())) events.push(event);

function run(scorer: SessionPurchaseScorer | undefined): number {
  const profiles = new Map<string, ProfileState>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const event = structuredClone(events[i]!);
    const key = event.userId ?? event.anonymousId!;
    let state = profiles.get(key);
    if (!state) profiles.set(key, (state = emptyProfileState(key, event.timestamp)));
    const facts = interpretCommerce(event);
    applyEvent(state, event, facts);
    scorer?.score(state, event, facts);
    if (scorer && i % 100 === 99) scorer.commit(); // the pipeline commits once per batch
  }
  return Number(process.hrtime.bigint() - started) / 1000 / events.length;
}

const without: number[] = [];
const withScorer: number[] = [];
for (let round = 0; round < rounds; round++) {
  without.push(run(undefined));
  withScorer.push(run(new SessionPurchaseScorer(decodeArtifact(readFileSync(DEFAULT_EPP_ARTIFACT)))));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const result = { file, events: events.length, rounds, foldUsPerEvent: median(without), foldAndScoreUsPerEvent: median(withScorer), scoringUsPerEvent: median(withScorer) - median(without) };
console.log(JSON.stringify(result, null, 2));
