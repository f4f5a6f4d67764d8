import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RerankRequest } from '../src/search/rerank-request.js';
import { createKairos, loadConfig } from './built-kairos.js';
import { ADMIN_KEY, WRITE_AUTH, WRITE_KEY, load, median, percentileMicros, spawnBareServer, spawnKairos, writeResult } from './bench-support.js';
import { createRandom } from './synthetic-clickstream-random.js';

/**
 * POST /v1/search/rerank with 500 results, over HTTP, against a bare Node http server that parses the
 * same request bodies in the same run (bench/bare-http-server.ts). The store holds a catalogue of
 * 5,000 products, a vocabulary learned from 4,000 shoppers' searches and the clicks after them, and
 * their profiles; half the requests come from those shoppers, half from strangers, and a tenth of the
 * results are not in the catalogue. Latency is timed per request from one sequential keep-alive client
 * (no queueing: what a search page waits for), throughput with 8 connections; rounds alternate.
 * The in-process figure times the re-ranker alone.
 *
 *   npm run build && node --import tsx bench/search-rerank.bench.ts [requests-per-round] [rounds]
 */
const requestsPerRound = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 3);
const PRODUCTS = 5000;
const SHOPPERS = 4000;
const RESULTS = 500;
const CATEGORIES = ['Handbags', 'Wallets', 'Backpacks', 'Scarves', 'Boots', 'Sneakers', 'Dresses', 'Jackets', 'Watches', 'Sunglasses'];
const BRANDS = ['Acme', 'Mira', 'Lune', 'Nest', 'Trek', 'Zed', 'Orla', 'Vik'];
const QUERIES = ['purse', 'leather bag', 'running shoes', 'winter coat', 'summer dress', 'wallet', 'backpack', 'scarf', 'watch', 'sunglasses'];
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-search-bench-'));
const env = { KAIROS_LOG_LEVEL: 'silent', KAIROS_WRITE_KEY: WRITE_KEY, KAIROS_ADMIN_KEY: ADMIN_KEY };
const random = createRandom(11);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;

const core = createKairos(loadConfig({ dataDir }, env));
await prepareStore();
const inProcess = await timeInProcess();
await core.close();

const bare = await spawnBareServer();
const server = await spawnKairos(dataDir);
const perRound: Array<{ bare: Latency; kairos: Latency; bareRps: number; kairosRps: number }> = [];
for (let round = 0; round < rounds; round++) {
  const bareLatency = await sequentialLatency(bare.url);
  const kairosLatency = await sequentialLatency(server.url);
  const body = () => JSON.stringify(requestFor());
  const bareLoad = await load({ url: bare.url, path: '/v1/search/rerank', body, connections: 8, seconds: 5 });
  const kairosLoad = await load({ url: server.url, path: '/v1/search/rerank', body, connections: 8, seconds: 5 });
  if (kairosLoad.non2xx + kairosLoad.errors > 0) throw new Error(`Kairos answered ${kairosLoad.non2xx} non-2xx and ${kairosLoad.errors} errors`);
  perRound.push({ bare: bareLatency, kairos: kairosLatency, bareRps: bareLoad.requestsPerSecond, kairosRps: kairosLoad.requestsPerSecond });
}
await Promise.all([bare.stop(), server.stop()]);
rmSync(dataDir, { recursive: true, force: true });

const result = {
  products: PRODUCTS,
  shoppers: SHOPPERS,
  resultsPerRequest: RESULTS,
  requestsPerRound,
  inProcess,
  rounds: perRound,
  medianKairosP50Ms: median(perRound.map((round) => round.kairos.p50Ms)),
  medianKairosP99Ms: median(perRound.map((round) => round.kairos.p99Ms)),
  medianBareP50Ms: median(perRound.map((round) => round.bare.p50Ms)),
  medianBareP99Ms: median(perRound.map((round) => round.bare.p99Ms)),
  medianP50Ratio: round2(median(perRound.map((round) => round.kairos.p50Ms / round.bare.p50Ms))),
  medianThroughputRatio: round2(median(perRound.map((round) => round.kairosRps / round.bareRps))),
};
writeResult('search-rerank', result);
console.log(JSON.stringify(result, null, 2));

interface Latency {
  p50Ms: number;
  p99Ms: number;
}

/** A catalogue, and shoppers who search, click what the query means (its category) and sometimes buy. */
async function prepareStore(): Promise<void> {
  for (let rank = 0; rank < PRODUCTS; rank++) {
    await core.catalog.putProduct(`sku-${rank}`, { name: `Product ${rank}`, categoryPath: ['Fashion', CATEGORIES[rank % CATEGORIES.length]!], brand: BRANDS[rank % BRANDS.length]!, price: 20 + (rank % 200) });
  }
  const start = Date.now() - 6 * 60 * 60 * 1000;
  let batch: Array<Record<string, unknown>> = [];
  let messages = 0;
  for (let shopper = 0; shopper < SHOPPERS; shopper++) {
    const at = start + shopper * 5000;
    const queryIndex = Math.floor(random.next() * QUERIES.length);
    const message = (event: string, properties: Record<string, unknown>, offset: number) => ({
      type: 'track',
      event,
      anonymousId: `shopper-${shopper}`,
      messageId: `bench-${++messages}`,
      timestamp: new Date(at + offset).toISOString(),
      properties,
    });
    batch.push(message('Products Searched', { query: QUERIES[queryIndex]! }, 0));
    for (let click = 0; click < 3; click++) {
      // Mostly the category the query means, sometimes anything.
      const rank = random.next() < 0.8 ? queryIndex + CATEGORIES.length * Math.floor(random.next() * (PRODUCTS / CATEGORIES.length)) : Math.floor(random.next() * PRODUCTS);
      batch.push(message('Product Clicked', { product_id: `sku-${rank}` }, 1000 * (click + 1)));
      if (click === 2 && random.next() < 0.2) batch.push(message('Order Completed', { order_id: `o${shopper}`, products: [{ product_id: `sku-${rank}`, price: 50 }] }, 5000));
    }
    if (batch.length >= 2000) {
      await core.ingestion.ingest(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await core.ingestion.ingest(batch);
  await core.search.learner.idle();
}

function requestFor(): RerankRequest {
  const ids = new Set<string>();
  while (ids.size < RESULTS) ids.add(random.next() < 0.1 ? `unknown-${Math.floor(random.next() * 1e6)}` : `sku-${Math.floor(random.next() * PRODUCTS)}`);
  const shopper = random.next() < 0.5 ? { anonymousId: `shopper-${Math.floor(random.next() * SHOPPERS)}` } : { anonymousId: `stranger-${Math.floor(random.next() * 1e6)}` };
  return { ...shopper, query: pick(QUERIES), results: [...ids].map((productId) => ({ productId })), count: 48, explain: random.next() < 0.5 };
}

async function timeInProcess(): Promise<{ p50Micros: number; p99Micros: number }> {
  for (let i = 0; i < 200; i++) await core.search.reranker.rerank(requestFor());
  const timings: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const request = requestFor();
    const started = process.hrtime.bigint();
    await core.search.reranker.rerank(request);
    timings.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return percentileMicros(timings);
}

/** One request at a time on a keep-alive connection, each timed from send to the last byte read. */
async function sequentialLatency(url: string): Promise<Latency> {
  const bodies = Array.from({ length: requestsPerRound + 100 }, () => JSON.stringify(requestFor()));
  const timings: number[] = [];
  for (const [index, body] of bodies.entries()) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/v1/search/rerank`, { method: 'POST', headers: { authorization: WRITE_AUTH, 'content-type': 'application/json' }, body });
    await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    // The first hundred warm up the connection and the JIT.
    if (index >= 100) timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return { p50Ms: round2(timings[timings.length >> 1]!), p99Ms: round2(timings[Math.floor(timings.length * 0.99)]!) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
