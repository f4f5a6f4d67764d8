import { createKairos, type Kairos } from '../app/create-kairos.js';
import { loadConfig } from '../config/load-config.js';
import { acquireDataDirLock } from '../storage/data-dir-lock.js';

/**
 * Runs a CLI command on the embedded store of a data dir, in this process, through the same services
 * the server uses. Refuses when a server holds the data dir: its caches assume it is the only writer.
 */
export async function withLocalStore<T>(dataDir: string | undefined, work: (kairos: Kairos) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir }, { ...process.env, KAIROS_LOG_LEVEL: 'silent' });
  const release = acquireDataDirLock(config.dataDir);
  const kairos = createKairos(config);
  try {
    return await work(kairos);
  } finally {
    await kairos.close();
    release();
  }
}
