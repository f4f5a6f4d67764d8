import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BULK_WRITE_SLICE_MS } from '../src/cli/with-local-store.js';
import { writeResult } from './bench-support.js';
import { createKairos, loadConfig } from './built-kairos.js';
import { measureSqliteWriteFloor } from './sqlite-write-floor.js';
import { countSyntheticClickstream, syntheticClickstream, type SyntheticClickstreamOptions } from './synthetic-clickstream.js';

/**
 * Replays the synthetic clickstream (docs/load-generator.md: by default 3M events over 1.4M visitors,
 * shaped like the real Taobao and REES46 clickstreams) through the in-process ingestion path of the
 * compiled build (with the writer slice of `kairos replay`), in
 * 5,000-event batches, and checks the store's profile and per-event-type counts equal the input's.
 * Baseline in the same run: the raw SQLite write floor on the same schema (sqlite-write-floor.ts).
 * Targets (issue 2): ≥ 100k events/s, peak RSS < 2 GB.
 *
 *   npm run build && node --import tsx bench/replay-synthetic.bench.ts [events] [visitors]
 */
const events = Number(process.argv[2] ?? 3_000_000);
const visitors = Number(process.argv[3] ?? 1_400_000);
const options: SyntheticClickstreamOptions = { seed: 1, events, visitors };
const expected = countSyntheticClickstream(options);

const work = mkdtempSync(join(tmpdir(), 'kairos-replay-bench-'));
const floor = measureSqliteWriteFloor(join(work, 'floor.db'), syntheticClickstream(options), Math.min(events, 500_000));

const kairos = createKairos(loadConfig({ dataDir: join(work, 'kairos') }, { KAIROS_WRITE_SLICE_MS: String(BULK_WRITE_SLICE_MS), ...process.env, KAIROS_LOG_LEVEL: 'silent' }));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const started = performance.now();
let batch: Array<Record<string, unknown>> = [];
let accepted = 0;
let rejected = 0;
for (const message of syntheticClickstream(options)) {
  batch.push(message);
  if (batch.length === 5000) {
    const outcome = await kairos.ingestion.ingest(batch);
    accepted += outcome.accepted;
    rejected += outcome.rejectedMessages;
    batch = [];
  }
}
if (batch.length > 0) {
  const outcome = await kairos.ingestion.ingest(batch);
  accepted += outcome.accepted;
  rejected += outcome.rejectedMessages;
}
// Profile states are saved behind the log: the replay is done when the last of them is saved too.
await kairos.pipeline.close();
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const profiles = await kairos.stores.profiles.count();
const byName = await kairos.stores.events.countsByName();
await kairos.close();
rmSync(work, { recursive: true, force: true });

const eventsPerSecond = Math.round(accepted / seconds);
const countsMatch =
  profiles === expected.profilesExpected && Object.entries(expected.byEvent).every(([name, count]) => (byName[name] ?? 0) === count) && accepted === expected.messages;
const result = {
  input: { messages: expected.messages, visitors: expected.visitors, profilesExpected: expected.profilesExpected, byEvent: expected.byEvent },
  stored: { accepted, rejected, profiles, byEvent: byName },
  countsMatch,
  seconds: Math.round(seconds * 10) / 10,
  eventsPerSecond,
  peakRssMb: Math.round(peakRss / 2 ** 20),
  baseline: { sqliteWriteFloor: floor },
  ratios: { replayVsSqliteFloor: Math.round((eventsPerSecond / floor.eventsPerSecond) * 100) / 100 },
  targets: { eventsPerSecond: '>= 100000', peakRssMb: '< 2048', countsMatch: true },
};
writeResult(`replay-synthetic-${events}`, result);
console.log(JSON.stringify(result, null, 2));
if (!countsMatch) process.exitCode = 1;
