/**
 * What the session models cost on the SR-GNN YOOCHOOSE 1/64 split: build time and the heap each adds
 * after learning every training click, and predictNext latency (p50/p99 per call) on the test
 * prefixes. Beside them, measured in the same run: the popular baseline's call (a sorted list,
 * sliced) and a loop of Map lookups over the query's clicks (the least any model must do), so the
 * ratios hold on a noisy machine.
 *
 *   node --expose-gc --import tsx bench/recs-session.bench.ts [yoochoose dir] [queries]
 */
import { performance } from 'node:perf_hooks';
import { engineStrategy } from '../src/recommendations/evaluation/evaluated-strategies.js';
import { readSrgnnSamples, readSrgnnSessions } from '../src/recommendations/evaluation/srgnn-split.js';
import { BlendModel } from '../src/recommendations/session/blend-model.js';
import { SequentialRulesModel } from '../src/recommendations/session/sequential-rules-model.js';
import { SessionIndex } from '../src/recommendations/session/session-index.js';
import type { SessionNextModel } from '../src/recommendations/session/session-next-model.js';
import { StanModel } from '../src/recommendations/session/stan-model.js';
import { VsknnModel } from '../src/recommendations/session/vsknn-model.js';

const dir = process.argv[2] ?? '../shared/data/yoochoose1_64';
const queryCount = Number(process.argv[3] ?? 5000);
const sessions = await readSrgnnSessions(`${dir}/train_sessions.tsv.gz`);
const queries = (await readSrgnnSamples(`${dir}/test.tsv.gz`)).slice(0, queryCount).map((sample) => sample.prefix);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function latencies(call: (clicks: readonly string[]) => unknown): { p50: number; p99: number } {
  const times = queries.map((clicks) => {
    const started = performance.now();
    call(clicks);
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const lookup = new Map<string, number>();
sessions.forEach((items, s) => items.forEach((item) => lookup.set(item, s)));
const mapLoop = latencies((clicks) => clicks.reduce((total, click) => total + (lookup.get(click) ?? 0), 0));
const popular = engineStrategy('popular');
sessions.forEach((items, s) => items.forEach((itemId) => popular.observe({ sessionId: `s${s}`, profileId: `s${s}`, itemId, kind: 'view', at: s })));
popular.recommend({ now: 0, products: [], cart: [], sessionItems: [] }, 20);
const popularCall = latencies((clicks) => popular.recommend({ now: 0, products: [], cart: [], sessionItems: clicks }, 20));

const limits = { maxSessions: 200_000 };
const models: [string, () => SessionNextModel][] = [
  ['sr', () => new SequentialRulesModel({}, new SessionIndex(limits))],
  ['vsknn', () => new VsknnModel({}, new SessionIndex(limits))],
  ['stan', () => new StanModel({}, new SessionIndex(limits))],
  ['blend', () => new BlendModel({ index: limits })],
];
const clicks = sessions.reduce((total, items) => total + items.length, 0);
console.log(`YOOCHOOSE 1/64: ${sessions.length.toLocaleString('en-US')} training sessions (${clicks.toLocaleString('en-US')} clicks), ${queries.length} test prefixes timed`);
console.log(`baselines per call: Map lookups over the clicks p50 ${(mapLoop.p50 * 1000).toFixed(1)} µs; popular p50 ${(popularCall.p50 * 1000).toFixed(1)} µs`);
for (const [name, build] of models) {
  const before = heapMb();
  const started = performance.now();
  const model = build();
  sessions.forEach((items, s) => items.forEach((item) => model.addClick(`s${s}`, item, s)));
  const buildMs = performance.now() - started;
  const heap = heapMb() - before;
  const call = latencies((prefix) => model.predictNext(prefix, 20));
  console.log(
    `${name.padEnd(6)} build ${(buildMs / 1000).toFixed(1)} s (${Math.round(clicks / (buildMs / 1000)).toLocaleString('en-US')} clicks/s), heap +${heap.toFixed(0)} MB; ` +
      `predictNext p50 ${call.p50.toFixed(3)} ms, p99 ${call.p99.toFixed(3)} ms = ${(call.p50 / popularCall.p50).toFixed(0)}× popular, ${(call.p50 / mapLoop.p50).toFixed(0)}× the Map loop`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
