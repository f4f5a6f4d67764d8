import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedMessages } from '../src/cli/feed-messages.js';
import { RowTally } from '../src/cli/row-tally.js';
import { BULK_WRITE_SLICE_MS } from '../src/cli/with-local-store.js';
import { readClickstream } from '../src/datasets/read-clickstream.js';
import { inTimeOrder } from '../src/datasets/time-order.js';
import { createKairos, loadConfig } from './built-kairos.js';
import { writeResult } from './bench-support.js';

/**
 * Replays the real clickstream extracts of ../shared/data through the in-process ingestion path (the
 * replay command's path: reader → time order → ingestion) and checks the stored counts against the
 * counts verified in each data set's README.
 *
 *   npm run build && npx tsx bench/replay-real.bench.ts [shared-data-dir]
 */
const dataDir = process.argv[2] ?? '../shared/data';
const DATASETS = [
  {
    name: 'taobao',
    file: join(dataDir, 'taobao_userbehavior_head/UserBehavior-head84475.csv.gz'),
    // README: pv 75,872; cart 4,497; fav 2,356; buy 1,750; 815 users.
    expected: { events: { 'Product Viewed': 75_872, 'Product Added': 4_497, 'Product Added to Wishlist': 2_356, 'Order Completed': 1_750 }, profiles: 815 },
  },
  {
    name: 'rees46',
    file: join(dataDir, 'rees46_oct2019_head/2019-Oct-head17434.csv.gz'),
    // README: view 17,055; cart 165; purchase 214; 4,504 users.
    expected: { events: { 'Product Viewed': 17_055, 'Product Added': 165, 'Order Completed': 214 }, profiles: 4_504 },
  },
];

const results: Record<string, unknown> = {};
let allMatch = true;
for (const dataset of DATASETS) {
  if (!existsSync(dataset.file)) {
    console.log(`skipping ${dataset.name}: ${dataset.file} is not here`);
    continue;
  }
  const work = mkdtempSync(join(tmpdir(), `kairos-real-${dataset.name}-`));
  const kairos = createKairos(loadConfig({ dataDir: work }, { KAIROS_LOG_LEVEL: 'silent', KAIROS_WRITE_SLICE_MS: String(BULK_WRITE_SLICE_MS) }));
  const tally = new RowTally();
  const started = performance.now();
  await feedMessages(inTimeOrder(() => readClickstream(dataset.file), { source: dataset.file }), kairos.ingestion, tally);
  const seconds = (performance.now() - started) / 1000;
  const stored = { events: await kairos.stores.events.countsByName(), profiles: await kairos.stores.profiles.count() };
  await kairos.close();
  rmSync(work, { recursive: true, force: true });
  const match = JSON.stringify(Object.entries(stored.events).sort()) === JSON.stringify(Object.entries(dataset.expected.events).sort()) && stored.profiles === dataset.expected.profiles;
  allMatch &&= match && tally.rejected === 0;
  results[dataset.name] = { rows: tally.rows, rejected: tally.rejected, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(tally.rows / seconds), stored, expected: dataset.expected, countsMatch: match };
}
writeResult('replay-real', results);
console.log(JSON.stringify(results, null, 2));
if (!allMatch) process.exitCode = 1;
