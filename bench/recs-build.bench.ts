/**
 * What building the serving recommendation models costs on a generated stream (issue 5: "build time
 * and peak RSS … on a 3M-event generated stream"): the synthetic clickstream of docs/load-generator.md
 * (REES46-shaped, Zipf product popularity) over a 200k-product catalog, each event validated by the
 * ingestion path's rules and sessionized as `kairos eval recs` does, then learned by
 * `servingRecommendationEngine()` one interaction at a time, as the server's warm-up and bus do.
 * Baseline in the same run: the same pass without the models (generate, validate, sessionize), so the
 * models' share of the time is the difference and holds on a noisy machine.
 *
 *   node --expose-gc --import tsx bench/recs-build.bench.ts [events, default 3,000,000] [visitors, default 1,400,000] [products, default 200,000]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { KairosEvent } from '../src/ingestion/kairos-event.js';
import { normalizeMessage } from '../src/ingestion/normalize-message.js';
import { sessionInteractions } from '../src/recommendations/evaluation/clickstream-interactions.js';
import type { Interaction } from '../src/recommendations/interaction.js';
import { servingRecommendationEngine } from '../src/recommendations/recommendation-engine.js';
import { writeResult } from './bench-support.js';
import { syntheticClickstream } from './synthetic-clickstream.js';

const events = Number(process.argv[2] ?? 3_000_000);
const visitors = Number(process.argv[3] ?? 1_400_000);
const products = Number(process.argv[4] ?? 200_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc: the retained heap is measured after a full collection');

function* validated(): Generator<KairosEvent> {
  const receivedAt = Date.now();
  for (const message of syntheticClickstream({ seed: 1, events, visitors, products })) {
    const result = normalizeMessage(message, { receivedAt });
    if (result.ok) yield result.event;
  }
}

async function pass(learn: (interaction: Interaction) => void): Promise<{ interactions: number; seconds: number }> {
  const started = performance.now();
  let interactions = 0;
  for await (const interaction of sessionInteractions(validated())) {
    learn(interaction);
    interactions++;
  }
  return { interactions, seconds: (performance.now() - started) / 1000 };
}

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const heapBefore = heapMb();
const baseline = await pass(() => {});
const engine = servingRecommendationEngine();
const build = await pass((interaction) => engine.observe(interaction));
const retainedHeapMb = heapMb() - heapBefore;
const modelSeconds = build.seconds - baseline.seconds;
const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) / 1024;

const result = {
  events,
  visitors,
  products,
  interactions: build.interactions,
  baselineSeconds: round(baseline.seconds),
  buildSeconds: round(build.seconds),
  modelSeconds: round(modelSeconds),
  modelInteractionsPerSecond: Math.round(build.interactions / Math.max(0.001, modelSeconds)),
  buildVsBaseline: round(build.seconds / baseline.seconds),
  retainedHeapMb: Math.round(retainedHeapMb),
  offHeapMb: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
  peakRssMb: Math.round(peakRssMb),
  itemsKnown: engine.interactions.items.size,
};
writeResult('recs-build', result);
console.log(JSON.stringify(result, null, 2));

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
