import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BULK_WRITE_SLICE_MS } from '../src/cli/with-local-store.js';
import type { RecommendationRequest } from '../src/recommendations/recommendation-request.js';
import { createKairos, loadConfig } from './built-kairos.js';
import { ADMIN_KEY, WRITE_KEY, percentileMicros, spawnBareServer, spawnKairos, untilRecommendationsWarm, writeResult, type LoadResult } from './bench-support.js';
import { pacedLoad } from './paced-load.js';
import { pausesSince, scrapePauseTotals, type ServerPauses } from './server-pauses.js';
import { productOf, syntheticClickstream } from './synthetic-clickstream.js';
import { createRandom } from './synthetic-clickstream-random.js';

/**
 * POST /v1/recommendations over 200k products and 1M profiles (the synthetic clickstream of
 * docs/load-generator.md, 2.14 events per visitor, ending now) while events keep arriving. Target
 * (issue 5): p99 < 10 ms under concurrent ingestion. Reports the server's warm-up (learning the log
 * at start) and its peak RSS, the in-process latency per placement, and the HTTP latency at a paced
 * rate beside a bare Node http server answering the same requests at the same rate.
 *
 *   npm run build && node --import tsx bench/recommendations.bench.ts [profiles] [products] [seconds] [rate]
 *
 * Preparing the store takes most of the run (~15 minutes for 1M profiles on 2 cores): with
 * BENCH_RECS_DATA_DIR set, a store prepared there (same arguments) is reused and kept.
 */
const profiles = Number(process.argv[2] ?? 1_000_000);
const products = Number(process.argv[3] ?? 200_000);
const seconds = Number(process.argv[4] ?? 10);
const rate = Number(process.argv[5] ?? 200);
/** Events a second sent beside the recommendation requests, in batches of 100. */
const INGEST_EVENTS_PER_SECOND = 1000;
const reused = process.env.BENCH_RECS_DATA_DIR;
const dataDir = reused ?? mkdtempSync(join(tmpdir(), 'kairos-recs-bench-'));
const env = { KAIROS_LOG_LEVEL: 'silent', KAIROS_WRITE_KEY: WRITE_KEY, KAIROS_ADMIN_KEY: ADMIN_KEY };
const random = createRandom(11);
const pick = (n: number) => Math.floor(random.next() * n);
const sku = () => productOf(pick(Math.min(products, 20_000))).product_id;

const prepared = reused && existsSync(join(reused, 'kairos.db')) ? 'reused' : await prepareStore();

/** A mix of the placements a site asks for: product pages, carts, home pages, category pages. */
function requestFor(): RecommendationRequest {
  const anonymousId = `syn1-a${pick(profiles)}`;
  switch (pick(4)) {
    case 0:
      return { anonymousId, placement: 'product', context: { product: { id: sku() } } };
    case 1:
      return { anonymousId, placement: 'cart', context: { cart: [sku(), sku()] } };
    case 2:
      return { anonymousId, placement: 'home' };
    default:
      return { anonymousId, placement: 'category', context: { category: productOf(pick(products)).category } };
  }
}

// In-process: the service alone, after the models learned the log (BENCH_RECS_HTTP_ONLY=1 skips it).
const { warmUp, inProcess, inProcessRssMb } = process.env.BENCH_RECS_HTTP_ONLY ? { warmUp: null, inProcess: null, inProcessRssMb: null } : await measureInProcess();
console.log(JSON.stringify({ warmUp, inProcess, inProcessRssMb }));

// Over HTTP, with ingestion running beside it.
const bare = await spawnBareServer();
const bareRun = await pacedLoad({ url: bare.url, path: '/v1/recommendations', body: () => JSON.stringify(requestFor()), rate, seconds, connections: 16 });
await bare.stop();
const server = await spawnKairos(dataDir);
const serverWarmUpMs = await untilRecommendationsWarm(server.url);
const batchBody = ingestionStream();
const windows: Array<{ recommendations: LoadResult; ingestion: LoadResult; pauses: ServerPauses }> = [];
for (let window = 0; window < 3; window++) {
  const pausesBefore = await scrapePauseTotals(server.url);
  const [recommendations, ingestion] = await Promise.all([
    pacedLoad({ url: server.url, path: '/v1/recommendations', body: () => JSON.stringify(requestFor()), rate, seconds, connections: 16 }),
    pacedLoad({ url: server.url, path: '/v1/batch', body: batchBody, rate: INGEST_EVENTS_PER_SECOND / 100, seconds, connections: 4 }),
  ]);
  windows.push({ recommendations, ingestion, pauses: await pausesSince(server.url, pausesBefore) });
}
const serverPeakRssMb = peakRssMb(server.child.pid);
await server.stop();
if (!reused) rmSync(dataDir, { recursive: true, force: true });

const steady = windows[windows.length - 1]!;
const result = {
  profiles,
  products,
  prepared,
  warmUp: { ...warmUp, serverWarmUpMs },
  inProcess,
  inProcessRssMb,
  http: {
    rate,
    bare: bareRun,
    windows,
    steadyStateP99Ms: steady.recommendations.p99Ms,
    p99VsBare: Math.round((steady.recommendations.p99Ms / Math.max(0.1, bareRun.p99Ms)) * 10) / 10,
    ingestedEventsPerSecond: steady.ingestion.requestsPerSecond * 100,
  },
  serverPeakRssMb,
  targets: { p99UnderIngestionMs: '< 10' },
};
writeResult('recommendations', result);
console.log(JSON.stringify(result, null, 2));

async function measureInProcess() {
  const core = createKairos(loadConfig({ dataDir }, env));
  const warmUp = await core.recommendationFeed.warmUp();
  const byPlacement = new Map<string, number[]>();
  for (let i = 0; i < 2000; i++) await core.recommendations.recommend(requestFor());
  for (let i = 0; i < 20_000; i++) {
    const request = requestFor();
    const started = process.hrtime.bigint();
    await core.recommendations.recommend(request);
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    const list = byPlacement.get(request.placement) ?? [];
    list.push(micros);
    byPlacement.set(request.placement, list);
  }
  const inProcessRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  await core.close();
  const inProcess = Object.fromEntries([...byPlacement].map(([placement, timings]) => [placement, { ...percentileMicros(timings), requests: timings.length }]));
  return { warmUp, inProcess, inProcessRssMb };
}

async function prepareStore(): Promise<{ events: number; seconds: number }> {
  const started = Date.now();
  const kairos = createKairos(loadConfig({ dataDir }, { ...env, KAIROS_WRITE_SLICE_MS: String(BULK_WRITE_SLICE_MS) }));
  let events = 0;
  let batch: Array<Record<string, unknown>> = [];
  const start = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  for (const message of syntheticClickstream({ seed: 1, visitors: profiles, events: Math.round(profiles * 2.14), products, start })) {
    batch.push(message);
    if (batch.length === 5000) {
      events += batch.length;
      await kairos.ingestion.ingest(batch);
      batch = [];
    }
  }
  events += batch.length;
  if (batch.length > 0) await kairos.ingestion.ingest(batch);
  await kairos.catalog.importProducts(
    (function* () {
      for (let rank = 0; rank < products; rank++) {
        const product = productOf(rank);
        yield {
          id: product.product_id,
          name: `Product ${rank + 1}`,
          categoryPath: [product.category],
          brand: product.brand,
          price: product.price,
          currency: 'EUR',
          inventory: rank % 97 === 0 ? 0 : 1 + (rank % 50),
          attributes: { color: ['black', 'white', 'red', 'blue', 'green'][rank % 5]! },
          imageUrl: null,
        };
      }
    })(),
  );
  await kairos.close();
  return { events, seconds: Math.round((Date.now() - started) / 1000) };
}

/**
 * The events sent beside the requests, as /v1/batch bodies of 100. By default the load generator's
 * clickstream (docs/load-generator.md: sessions, logins, purchases and item popularity shaped like the
 * real extracts) of shoppers arriving now, without timestamps so the server's clock places them;
 * `BENCH_RECS_INGEST=known-shoppers` sends product views of shoppers drawn uniformly from the store's
 * 1M instead: every event a shopper the writer has not cached, the worst case for its profile cache.
 * Either way the ids are this run's own: a reused store would acknowledge earlier runs' as replays.
 */
function ingestionStream(): () => string {
  const runId = Date.now();
  if (process.env.BENCH_RECS_INGEST === 'known-shoppers') {
    let next = 0;
    return () =>
      JSON.stringify({
        batch: Array.from({ length: 100 }, () => ({
          type: 'track',
          event: 'Product Viewed',
          anonymousId: `syn1-a${pick(profiles)}`,
          messageId: `recs-bench-${runId.toString(36)}-${next++}`,
          properties: { product_id: sku() },
        })),
      });
  }
  const events = INGEST_EVENTS_PER_SECOND * seconds * 4;
  // A seed of its own per run (never 1, the prepared store's), so its shoppers and ids are new.
  const seed = 2 + (runId % 1_000_000);
  const stream = syntheticClickstream({ seed, events, visitors: Math.round(events / 2.14), products, start: new Date().toISOString(), arrivalHours: events / INGEST_EVENTS_PER_SECOND / 3600 });
  return () => {
    const batch: Array<Record<string, unknown>> = [];
    while (batch.length < 100) {
      const next = stream.next();
      if (next.done) throw new Error(`the ingestion stream ran out after ${events} events`);
      const { timestamp: _placedByTheServer, ...message } = next.value;
      batch.push(message);
    }
    return JSON.stringify({ batch });
  };
}


/** The child's peak resident set (VmHWM), from /proc. */
function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}
