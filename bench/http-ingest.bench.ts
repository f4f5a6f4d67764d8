import { randomUUID } from 'node:crypto';
import { load, spawnBareServer, spawnKairos, writeResult, type Spawned } from './bench-support.js';

/**
 * Single-event POST /v1/track and 100-event POST /v1/batch, against a bare Node http server answering
 * the same requests in the same run. Targets (issue 2): track throughput ≥ 50% of the bare server with
 * p99 < 20 ms at half that load; batch events/s ≥ 10× the bare server's requests/s.
 *
 *   npm run build && npx tsx bench/http-ingest.bench.ts [seconds]
 */
const seconds = Number(process.argv[2] ?? 10);
const connections = 32;
let visitor = 0;

function trackBody(): string {
  visitor = (visitor + 1) % 50_000;
  return JSON.stringify({
    type: 'track',
    event: 'Product Viewed',
    anonymousId: `visitor-${visitor}`,
    messageId: randomUUID(),
    timestamp: new Date().toISOString(),
    properties: { product_id: `sku-${visitor % 997}`, category: 'shoes.running', brand: 'acme', price: 59.9 },
    context: { channel: 'web', userAgent: 'Mozilla/5.0 (bench)', page: { path: '/p/sku' } },
  });
}

function batchBody(): string {
  const batch: unknown[] = [];
  for (let i = 0; i < 100; i++) batch.push({ ...(JSON.parse(trackBody()) as object) });
  return JSON.stringify({ batch, sentAt: new Date().toISOString() });
}

async function measure(server: Spawned, path: string, body: () => string, rate?: number) {
  return load({ url: server.url, path, body, connections, seconds, ...(rate ? { rate } : {}) });
}

const bare = await spawnBareServer();
const bareTrack = await measure(bare, '/v1/track', trackBody);
await bare.stop();

const kairos = await spawnKairos();
const kairosTrack = await measure(kairos, '/v1/track', trackBody);
const halfLoad = await measure(kairos, '/v1/track', trackBody, Math.max(1, Math.floor(kairosTrack.requestsPerSecond / 2)));
const kairosBatch = await load({ url: kairos.url, path: '/v1/batch', body: batchBody, connections: 8, seconds });
await kairos.stop();

const result = {
  seconds,
  connections,
  bare: { track: bareTrack },
  kairos: { track: kairosTrack, trackAtHalfLoad: halfLoad, batch100: kairosBatch },
  ratios: {
    trackThroughputVsBare: round(kairosTrack.requestsPerSecond / bareTrack.requestsPerSecond),
    batchEventsPerSecondVsBareRequests: round((kairosBatch.requestsPerSecond * 100) / bareTrack.requestsPerSecond),
  },
  targets: {
    trackThroughputVsBare: '>= 0.5',
    trackP99AtHalfLoadMs: '< 20',
    batchEventsPerSecondVsBareRequests: '>= 10',
  },
};
writeResult('http-ingest', result);
console.log(JSON.stringify(result, null, 2));

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
