import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeResult } from './bench-support.js';

/**
 * What prewarming the store (src/storage/sqlite/store-prewarm.ts) changes for a fresh process: the time
 * to find 10,000 random shoppers' profiles among a million, the first time and again, with and without
 * the prewarm, in alternated fresh processes. The store is the decide bench's prepared one.
 *
 *   npm run build && BENCH_DECIDE_STORE=DIR taskset -c 1 node --import tsx bench/store-prewarm.bench.ts [pairs]
 */
const pairs = Number(process.argv[2] ?? 3);
const profiles = 1_000_000;
const storeDir = join(process.env.BENCH_DECIDE_STORE ?? '', `decide-${profiles}`);
if (!process.env.BENCH_DECIDE_STORE || !existsSync(storeDir)) {
  process.stderr.write(`store-prewarm.bench: prepare the store first: BENCH_DECIDE_STORE=DIR node --import tsx bench/decide.bench.ts (then ${storeDir} exists)\n`);
  process.exit(1);
}
const runs: unknown[] = [];
for (let pair = 0; pair < pairs; pair++) {
  for (const prewarm of ['off', 'on']) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/store-prewarm-reads.ts', storeDir, String(profiles), prewarm], { encoding: 'utf8' });
    runs.push(JSON.parse(output.trim().split('\n').pop()!));
  }
}
const result = { profiles, runs };
writeResult('store-prewarm', result);
console.log(JSON.stringify(result, null, 2));
