import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKairos, loadConfig } from './built-kairos.js';
import { ADMIN_KEY, WRITE_KEY, percentileMicros } from './bench-support.js';
import { createRandom } from './synthetic-clickstream-random.js';

/**
 * One side of store-prewarm.bench.ts, in a process of its own (a memory map belongs to its process):
 * copies the prepared store, opens it as the server does, prewarms it or not, and times finding
 * 10,000 random shoppers' profiles twice over. Prints one JSON line.
 *
 *   node --import tsx bench/store-prewarm-reads.ts STORE_DIR PROFILES on|off
 */
const [storeDir, profileCount, prewarmSwitch] = process.argv.slice(2) as [string, string, 'on' | 'off'];
const profiles = Number(profileCount);
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-prewarm-bench-'));
cpSync(storeDir, dataDir, { recursive: true });
const kairos = createKairos(loadConfig({ dataDir }, { KAIROS_LOG_LEVEL: 'silent', KAIROS_WRITE_KEY: WRITE_KEY, KAIROS_ADMIN_KEY: ADMIN_KEY }));
const prewarm = prewarmSwitch === 'on' ? await kairos.prewarmStore() : undefined;
const random = createRandom(9);
const shopper = () => `syn1-a${Math.floor(random.next() * profiles)}`;
// The code paths compiled first, on shoppers other than those timed.
for (let i = 0; i < 2000; i++) await kairos.profiles.findState([{ type: 'anonymousId', value: shopper() }]);
const shoppers = Array.from({ length: 10_000 }, shopper);
const timePass = async () => {
  const micros: number[] = [];
  for (const value of shoppers) {
    const started = process.hrtime.bigint();
    await kairos.profiles.findState([{ type: 'anonymousId', value }]);
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return percentileMicros(micros);
};
const firstRead = await timePass();
const secondRead = await timePass();
await kairos.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ prewarm: prewarmSwitch, prewarmMs: prewarm?.ms, firstRead, secondRead })}\n`);
