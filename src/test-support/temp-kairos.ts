import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKairos, type Kairos, type KairosDeps } from '../app/create-kairos.js';
import { loadConfig, type KairosConfig } from '../config/load-config.js';
import { ManualClock } from '../shared/clock.js';

export interface TempKairos extends Kairos {
  clock: ManualClock;
  dataDir: string;
  /** Closes the store and removes the data dir. */
  dispose(): Promise<void>;
}

/** A Kairos core on a fresh data dir with a clock the test moves. */
export function createTempKairos(env: NodeJS.ProcessEnv = {}, start = Date.parse('2026-11-23T10:00:00.000Z'), deps: Omit<KairosDeps, 'clock'> = {}): TempKairos {
  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-test-'));
  const config: KairosConfig = loadConfig({ dataDir }, { KAIROS_LOG_LEVEL: 'silent', ...env });
  const clock = new ManualClock(start);
  const kairos = createKairos(config, { ...deps, clock });
  return Object.assign(kairos, {
    clock,
    dataDir,
    async dispose() {
      await kairos.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
