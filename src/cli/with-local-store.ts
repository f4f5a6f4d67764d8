import { createKairos, type Kairos } from '../app/create-kairos.js';
import { loadConfig } from '../config/load-config.js';
import { acquireDataDirLock } from '../storage/data-dir-lock.js';

/**
 * The writer's slice for a command on a local store: nothing else waits on its event loop, so long
 * transactions (fewer commits) are only faster. KAIROS_WRITE_SLICE_MS still wins.
 */
export const BULK_WRITE_SLICE_MS = 250;

/**
 * Runs a CLI command on the embedded store of a data dir, in this process, through the same services
 * the server uses. Refuses when a server holds the data dir: its caches assume it is the only writer.
 */
export async function withLocalStore<T>(dataDir: string | undefined, work: (kairos: Kairos) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir }, { KAIROS_WRITE_SLICE_MS: String(BULK_WRITE_SLICE_MS), ...process.env, KAIROS_LOG_LEVEL: 'silent' });
  const release = acquireDataDirLock(config.dataDir);
  const kairos = createKairos(config);
  try {
    return await work(kairos);
  } finally {
    await kairos.close();
    release();
  }
}
