import { halfLoadWindows, load, median, spawnBareServer, spawnKairos, writeResult, type LoadResult } from './bench-support.js';
import { trackBody } from './track-body.js';

/**
 * Single-event POST /v1/track and 100-event POST /v1/batch, against a bare Node http server answering
 * the same requests. The machines are shared and noisy, so bare and Kairos alternate over several
 * rounds and the median ratio is reported beside every round. Targets (issue 2): track throughput
 * ≥ 50% of the bare server with p99 < 20 ms at half that load (steady state: the last of three
 * windows); batch events/s ≥ 10× the bare server's requests/s (reported against both the bare
 * server's single-event and 100-event-batch requests/s).
 *
 *   npm run build && npx tsx bench/http-ingest.bench.ts [seconds-per-round] [rounds]
 */
const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const connections = 32;

function batchBody(): string {
  const batch: unknown[] = [];
  for (let i = 0; i < 100; i++) batch.push(JSON.parse(trackBody()) as object);
  return JSON.stringify({ batch, sentAt: new Date().toISOString() });
}

const bare = await spawnBareServer();
const kairos = await spawnKairos();
const perRound: Array<{ bareTrack: LoadResult; kairosTrack: LoadResult; bareBatch: LoadResult; kairosBatch: LoadResult }> = [];
for (let round = 0; round < rounds; round++) {
  const bareTrack = await load({ url: bare.url, path: '/v1/track', body: trackBody, connections, seconds });
  const kairosTrack = await load({ url: kairos.url, path: '/v1/track', body: trackBody, connections, seconds });
  const bareBatch = await load({ url: bare.url, path: '/v1/batch', body: batchBody, connections: 8, seconds });
  const kairosBatch = await load({ url: kairos.url, path: '/v1/batch', body: batchBody, connections: 8, seconds });
  perRound.push({ bareTrack, kairosTrack, bareBatch, kairosBatch });
}
const kairosTrackRate = median(perRound.map((round) => round.kairosTrack.requestsPerSecond));
const halfLoad = await halfLoadWindows({ url: kairos.url, path: '/v1/track', body: trackBody, connections, seconds: seconds * 2, rate: kairosTrackRate / 2 });
await Promise.all([bare.stop(), kairos.stop()]);

const result = {
  secondsPerRound: seconds,
  rounds: perRound.map((round) => ({
    bareTrackRps: round.bareTrack.requestsPerSecond,
    kairosTrackRps: round.kairosTrack.requestsPerSecond,
    kairosTrackP99Ms: round.kairosTrack.p99Ms,
    bareBatchRps: round.bareBatch.requestsPerSecond,
    kairosBatchEventsPerSecond: round.kairosBatch.requestsPerSecond * 100,
    kairosBatchP99Ms: round.kairosBatch.p99Ms,
    errorsOrNon2xx: round.kairosTrack.errors + round.kairosTrack.non2xx + round.kairosBatch.errors + round.kairosBatch.non2xx,
  })),
  trackAtHalfLoad: halfLoad,
  medianRatios: {
    trackThroughputVsBare: round2(median(perRound.map((r) => r.kairosTrack.requestsPerSecond / r.bareTrack.requestsPerSecond))),
    batchEventsPerSecondVsBareTrackRequests: round2(median(perRound.map((r) => (r.kairosBatch.requestsPerSecond * 100) / r.bareTrack.requestsPerSecond))),
    batchEventsPerSecondVsBareBatchRequests: round2(median(perRound.map((r) => (r.kairosBatch.requestsPerSecond * 100) / r.bareBatch.requestsPerSecond))),
  },
  targets: { trackThroughputVsBare: '>= 0.5', trackP99AtHalfLoadMs: '< 20', batchEventsPerSecondVsBare: '>= 10' },
};
writeResult('http-ingest', result);
console.log(JSON.stringify(result, null, 2));

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
