import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { ADMIN_KEY, load, spawnKairos, WRITE_AUTH, writeResult } from './bench-support.js';

/**
 * GET /v1/profiles/{id} latency while events are being ingested. 20,000 visitors are loaded first;
 * then, for the same duration, one load generator sends single-event /v1/track requests at a fixed
 * rate and another reads random profiles (by anonymousId, so identifier resolution is included).
 *
 *   npm run build && npx tsx bench/profile-read.bench.ts [seconds] [ingest-rate]
 */
const seconds = Number(process.argv[2] ?? 10);
const ingestRate = Number(process.argv[3] ?? 1000);
const visitors = 20_000;

const kairos = await spawnKairos();
for (let start = 0; start < visitors; start += 100) {
  const batch = Array.from({ length: 100 }, (_, i) => ({
    type: 'track',
    event: 'Product Viewed',
    anonymousId: `visitor-${start + i}`,
    properties: { product_id: `sku-${(start + i) % 997}`, category: 'shoes.running', price: 59.9 },
  }));
  const response = await fetch(`${kairos.url}/v1/batch`, { method: 'POST', headers: { authorization: WRITE_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  if (!response.ok) throw new Error(`preload failed: ${response.status}`);
}

let visitor = 0;
const ingestion = load({
  url: kairos.url,
  path: '/v1/track',
  connections: 8,
  seconds,
  rate: ingestRate,
  body: () =>
    JSON.stringify({
      event: 'Product Viewed',
      anonymousId: `visitor-${(visitor = (visitor + 7919) % visitors)}`,
      messageId: randomUUID(),
      properties: { product_id: `sku-${visitor % 997}`, category: 'shoes.running', price: 59.9 },
    }),
});
const reads = autocannon({
  url: kairos.url,
  connections: 8,
  duration: seconds,
  headers: { authorization: `Bearer ${ADMIN_KEY}` },
  requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/v1/profiles/visitor-${Math.floor(Math.random() * visitors)}` }) }],
});
const [ingest, read] = await Promise.all([ingestion, reads]);
await kairos.stop();

const result = {
  seconds,
  visitors,
  ingestion: ingest,
  profileReads: { requestsPerSecond: read.requests.average, p50Ms: read.latency.p50, p99Ms: read.latency.p99, non2xx: read.non2xx, errors: read.errors },
};
writeResult('profile-read', result);
console.log(JSON.stringify(result, null, 2));
