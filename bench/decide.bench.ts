import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kairos } from '../src/app/create-kairos.js';
import type { CampaignInput } from '../src/campaigns/campaign.js';
import { BULK_WRITE_SLICE_MS } from '../src/cli/with-local-store.js';
import type { DecideRequest } from '../src/decisions/decide-request.js';
import { createKairos, loadConfig } from './built-kairos.js';
import {
  ADMIN_KEY,
  WRITE_KEY,
  cpuBudgetMicrosAtHalfBare,
  flushToDisk,
  halfLoadWindows,
  loadMeasuringCpu,
  median,
  percentileMicros,
  spawnBareServer,
  spawnKairos,
  spawnListening,
  untilRecommendationsWarm,
  writeResult,
  type MeasuredLoad,
} from './bench-support.js';
import { productOf, syntheticClickstream } from './synthetic-clickstream.js';
import { createRandom } from './synthetic-clickstream-random.js';

/**
 * POST /v1/decide with 100 active campaigns over a store of 1M profiles (the synthetic clickstream of
 * docs/load-generator.md, 2.14 events per visitor). Targets (issue 3): in-process decision p99 < 200 µs;
 * HTTP throughput ≥ 50% of a bare Node http server answering the same requests in the same run, with
 * p99 < 10 ms at half that load. The in-process figure times preview decisions (everything but the
 * write of the delivery event, which the HTTP figure includes), run by the compiled build (dist/),
 * in all and per placement, beside what finding a random shopper's profile costs on its own. Over
 * HTTP, before Kairos starts, the read floor (decision-floor-server.ts: Fastify and the profile read,
 * nothing else) alternates with the bare server; then each round runs the bare server, Fastify alone
 * and Kairos, with the CPU each spends a request against the target's budget.
 * The store is prepared afresh each run, with the clickstream ending now, so shoppers are in live
 * sessions as they would be on a site.
 *
 *   npm run build && node --import tsx bench/decide.bench.ts [profiles] [seconds-per-round] [rounds]
 *
 * Preparing 1M profiles takes minutes; with `BENCH_DECIDE_STORE=DIR` the prepared store is kept in DIR
 * (named by the profile count) and copied for later runs, which then start from the same store. Its
 * clickstream ended when it was prepared, so reuse it within the hour: later, sessions have expired.
 */
const profiles = Number(process.argv[2] ?? 1_000_000);
const seconds = Number(process.argv[3] ?? 5);
const rounds = Number(process.argv[4] ?? 3);
const PLACEMENTS = ['product-page', 'cart', 'home', 'category', 'search'];
const CATALOG_PRODUCTS = 2000;
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-decide-bench-'));
const env = { KAIROS_LOG_LEVEL: 'silent', KAIROS_WRITE_KEY: WRITE_KEY, KAIROS_ADMIN_KEY: ADMIN_KEY };

const kept = process.env.BENCH_DECIDE_STORE ? join(process.env.BENCH_DECIDE_STORE, `decide-${profiles}`) : undefined;
if (kept !== undefined && existsSync(kept)) {
  cpSync(kept, dataDir, { recursive: true });
} else {
  await prepareStore();
  if (kept !== undefined) cpSync(dataDir, kept, { recursive: true });
}
flushToDisk(dataDir);

const kairos = createKairos(loadConfig({ dataDir }, env));
// As the server does at start: a fresh process's first reads of a million profiles otherwise pay the
// page faults of mapping the store, which a server running all day has long paid.
const prewarm = await kairos.prewarmStore();
const random = createRandom(7);
const requestFor = (): DecideRequest => ({
  anonymousId: `syn1-a${Math.floor(random.next() * profiles)}`,
  placement: PLACEMENTS[Math.floor(random.next() * PLACEMENTS.length)]!,
  channel: 'web',
  context: { product: { id: `sku-${1 + Math.floor(random.next() * CATALOG_PRODUCTS)}` }, timezone: 'Europe/Paris' },
});
for (let i = 0; i < 2000; i++) await kairos.decisions.decide({ ...requestFor(), preview: true });
const timings: number[] = [];
const timingsByPlacement = new Map<string, number[]>(PLACEMENTS.map((placement) => [placement, []]));
let chosen = 0;
// Drawn before the clock starts: drawn inside the timed loop, the requests' own garbage doubled the
// pause of every young-generation collection (2.2–2.4 ms against 1.0–1.2, session 16), and the
// decisions' tail counted it.
const requests = Array.from({ length: 20_000 }, () => ({ ...requestFor(), preview: true }));
for (const request of requests) {
  const started = process.hrtime.bigint();
  const decision = await kairos.decisions.decide(request);
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  timings.push(micros);
  timingsByPlacement.get(request.placement!)!.push(micros);
  chosen += decision.interventions.length;
}
// What finding a random shopper's profile costs on its own (identity lookup, state read and parse),
// for shoppers not decided for above: the store's share of every decision, whatever the campaigns.
const profileReads: number[] = [];
for (const anonymousId of Array.from({ length: 5000 }, () => requestFor().anonymousId!)) {
  const started = process.hrtime.bigint();
  await kairos.profiles.findState([{ type: 'anonymousId', value: anonymousId }]);
  profileReads.push(Number(process.hrtime.bigint() - started) / 1000);
}
await kairos.close();
// Per placement too: each placement's 20 campaigns share an audience, so a slow kind of audience shows.
const inProcess = {
  decisions: timings.length,
  withIntervention: chosen,
  ...percentileMicros(timings),
  byPlacement: Object.fromEntries([...timingsByPlacement].map(([placement, micros]) => [placement, percentileMicros(micros)])),
  profileRead: percentileMicros(profileReads),
  prewarm,
};

const bare = await spawnBareServer();
// Fastify alone answering a fixed body: what a request costs before any of Kairos' own work.
const framework = await spawnListening(['--import', 'tsx', 'bench/framework-floor-server.ts']);
const body = () => JSON.stringify(requestFor());
// Fastify and finding the shopper's profile, nothing else: what every decision costs before its
// campaigns. Measured before Kairos starts, so that no background work of Kairos' shares its core.
const readFloorServer = await spawnListening(['--import', 'tsx', 'bench/decision-floor-server.ts', dataDir]);
const floorRounds: Array<{ bare: MeasuredLoad; readFloor: MeasuredLoad }> = [];
for (let round = 0; round < rounds; round++) {
  floorRounds.push({
    bare: await loadMeasuringCpu(bare, { url: bare.url, path: '/v1/decide', body, connections: 32, seconds }),
    readFloor: await loadMeasuringCpu(readFloorServer, { url: readFloorServer.url, path: '/v1/decide', body, connections: 32, seconds }),
  });
}
await readFloorServer.stop();
const server = await spawnKairos(dataDir);
const serverWarmUpMs = await untilRecommendationsWarm(server.url);
const perRound: Array<{ bare: MeasuredLoad; framework: MeasuredLoad; kairos: MeasuredLoad }> = [];
for (let round = 0; round < rounds; round++) {
  perRound.push({
    bare: await loadMeasuringCpu(bare, { url: bare.url, path: '/v1/decide', body, connections: 32, seconds }),
    framework: await loadMeasuringCpu(framework, { url: framework.url, path: '/v1/decide', body, connections: 32, seconds }),
    kairos: await loadMeasuringCpu(server, { url: server.url, path: '/v1/decide', body, connections: 32, seconds }),
  });
}
const kairosRate = median(perRound.map((round) => round.kairos.requestsPerSecond));
const halfLoad = await halfLoadWindows({ url: server.url, path: '/v1/decide', body, connections: 32, seconds: seconds * 2, rate: kairosRate / 2 });
const serverSide = serverSideLatency(await (await fetch(`${server.url}/metrics`)).text());
await Promise.all([bare.stop(), framework.stop(), server.stop()]);
rmSync(dataDir, { recursive: true, force: true });

const result = {
  profiles,
  campaigns: 100,
  inProcess,
  serverWarmUpMs,
  rounds: perRound.map((round) => ({
    bareRps: round.bare.requestsPerSecond,
    kairosRps: round.kairos.requestsPerSecond,
    kairosP99Ms: round.kairos.p99Ms,
    errorsOrNon2xx: round.kairos.errors + round.kairos.non2xx,
    cpuMicrosPerRequest: { bare: round.bare.cpuMicrosPerRequest, framework: round.framework.cpuMicrosPerRequest, kairos: round.kairos.cpuMicrosPerRequest },
  })),
  medianRatio: Math.round(median(perRound.map((round) => round.kairos.requestsPerSecond / round.bare.requestsPerSecond)) * 100) / 100,
  // What a server saturating its one core may spend per request at the target (0.5× the bare server's
  // requests/s), against what Fastify alone and Kairos spend (medians of the rounds).
  cpuMicrosPerRequest: {
    budgetAtTarget: cpuBudgetMicrosAtHalfBare(median(perRound.map((round) => round.bare.requestsPerSecond))),
    bare: median(perRound.map((round) => round.bare.cpuMicrosPerRequest)),
    framework: median(perRound.map((round) => round.framework.cpuMicrosPerRequest)),
    kairos: median(perRound.map((round) => round.kairos.cpuMicrosPerRequest)),
  },
  // Fastify with the profile read and nothing else, against the bare server in rounds of their own:
  // a ratio under the target's 0.5 leaves nothing for judging campaigns, rendering or recording.
  readFloor: {
    rounds: floorRounds.map((round) => ({ bareRps: round.bare.requestsPerSecond, readFloorRps: round.readFloor.requestsPerSecond, cpuMicrosPerRequest: { bare: round.bare.cpuMicrosPerRequest, readFloor: round.readFloor.cpuMicrosPerRequest } })),
    medianRatio: Math.round(median(floorRounds.map((round) => round.readFloor.requestsPerSecond / round.bare.requestsPerSecond)) * 100) / 100,
    cpuMicrosPerRequest: {
      budgetAtTarget: cpuBudgetMicrosAtHalfBare(median(floorRounds.map((round) => round.bare.requestsPerSecond))),
      readFloor: median(floorRounds.map((round) => round.readFloor.cpuMicrosPerRequest)),
    },
  },
  halfLoad,
  serverSide,
  targets: { inProcessP99Micros: '< 200', throughputVsBare: '>= 0.5', p99AtHalfLoadMs: '< 10' },
};
writeResult('decide', result);
console.log(JSON.stringify(result, null, 2));

async function prepareStore(): Promise<void> {
  const core: Kairos = createKairos(loadConfig({ dataDir }, { ...env, KAIROS_WRITE_SLICE_MS: String(BULK_WRITE_SLICE_MS) }));
  let batch: Array<Record<string, unknown>> = [];
  // Visitors arrive over the 24 hours before now (the generator's default arrival window).
  const start = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  for (const message of syntheticClickstream({ seed: 1, visitors: profiles, events: Math.round(profiles * 2.14), start })) {
    batch.push(message);
    if (batch.length === 5000) {
      await core.ingestion.ingest(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await core.ingestion.ingest(batch);
  for (let rank = 0; rank < CATALOG_PRODUCTS; rank++) {
    const product = productOf(rank);
    await core.catalog.putProduct(product.product_id, {
      name: `Product ${rank + 1}`,
      categoryPath: [product.category],
      brand: product.brand,
      price: product.price,
      currency: 'EUR',
      inventory: 1 + (rank % 50),
    });
  }
  for (let i = 0; i < 100; i++) await core.campaigns.create(campaignNumber(i));
  await core.close();
}

/** A hundred campaigns of the kinds a retailer runs, spread over the placements, with varied audiences. */
function campaignNumber(i: number): CampaignInput {
  const audiences: unknown[] = [
    { path: 'session.productViews', gte: 1 + (i % 4) },
    { all: [{ path: 'lifetime.frequency', gte: 1 }, { path: 'session.cartValue', gt: 20 }] },
    { any: [{ path: 'context.localTime.hour', gte: 18 }, { path: 'session.returningVisitor', eq: true }] },
    { path: 'lifetime.favouriteCategories', exists: true },
    { count: { event: 'Product Viewed', in: 'session' }, gte: 2 },
  ];
  const kinds = [
    { kind: 'social_proof', body: '{{ product.viewsToday }} people looked at {{ product.name }} today' },
    { kind: 'urgency', body: 'Only {{ product.inventory }} left of {{ product.name }}' },
    { kind: 'price', body: '10% off {{ product.brand }} today' },
    { kind: 'custom', body: 'Welcome back — free returns on {{ product.name }}' },
  ] as const;
  const variant = kinds[i % kinds.length]!;
  return {
    name: `Campaign ${i}`,
    status: 'active',
    priority: i % 10,
    trigger: { type: 'placement', placements: [PLACEMENTS[i % PLACEMENTS.length]!] },
    audience: audiences[i % audiences.length],
    variants: [
      { id: 'a', kind: variant.kind, channel: 'web', content: { body: variant.body } },
      { id: 'b', kind: variant.kind, channel: 'web', content: { title: 'For you', body: variant.body } },
    ],
    caps: { perDay: 2 },
    holdoutPercent: 10,
  };
}

/**
 * The server's own view of /v1/decide times (its Prometheus histogram, over the whole HTTP part): when
 * it is far below what the client sees, the time is spent waiting outside the handler.
 */
function serverSideLatency(metrics: string): { requests: number; p50UpToMs: number; p99UpToMs: number } {
  const buckets = [...metrics.matchAll(/kairos_ingest_request_duration_seconds_bucket\{le="([^"]+)",route="\/v1\/decide"\} (\d+)/g)].map((match) => ({
    le: match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]),
    count: Number(match[2]),
  }));
  const total = buckets[buckets.length - 1]?.count ?? 0;
  const upTo = (share: number) => (buckets.find((bucket) => bucket.count >= share * total)?.le ?? Number.NaN) * 1000;
  return { requests: total, p50UpToMs: upTo(0.5), p99UpToMs: upTo(0.99) };
}

