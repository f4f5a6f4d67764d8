import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Errors } from '../shared/errors.js';

const LOCK_FILE = 'kairos.lock';

/**
 * One process writes a data dir at a time: the server's caches assume every write passes through it.
 * A lock left by a process that died (kill -9) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const holder = lockHolder(dataDir);
  if (holder !== undefined && holder !== process.pid) throw Errors.dataDirLocked(dataDir, holder);
  writeFileSync(file, String(process.pid));
  return () => {
    if (lockHolder(dataDir) === process.pid) rmSync(file, { force: true });
  };
}

/** The pid of the live process holding the data dir, if any. */
export function lockHolder(dataDir: string): number | undefined {
  const file = join(dataDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
