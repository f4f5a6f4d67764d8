import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpointer {
  stop(): Promise<void>;
}

/**
 * The worker's code: its own connection copies the WAL into the database file (PASSIVE, so the writer
 * never waits) and lets SQLite restart the WAL once it is fully copied. The main thread only appends
 * to the WAL, which keeps checkpoint I/O and its fsyncs off the request path. It is plain JavaScript
 * evaluated in the worker so it runs the same from the compiled build and from the TypeScript sources
 * (Node 20 cannot start a worker from a .ts file through tsx).
 *
 * The WAL file is shrunk here too, and only when the store is quiet: a checkpoint that copied every
 * frame, with no commit since the previous one (data_version unchanged) and a file over the limit, is
 * followed by a TRUNCATE checkpoint. Shrinking on commit instead (journal_size_limit) put an ftruncate
 * of hundreds of MB on the event loop in the middle of traffic. A write that arrives during the
 * truncation waits for it, once, after a pause.
 *
 * On Linux the worker lowers its own thread's priority to the lowest (nice 19; setpriority on a thread
 * id sets that thread's): a checkpoint copies tens of MB a second of WAL pages, and on a busy core the
 * kernel would otherwise share it equally with the event loop, which requests wait for. It still runs
 * in any idle time, and the WAL only grows while it is behind.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync, statSync } = require('node:fs');
try {
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(thread, 19);
} catch {
  // Not Linux, or not allowed: the checkpoint runs at the process's priority.
}
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
db.pragma('wal_autocheckpoint = 0');
const walPath = workerData.path + '-wal';
let lastDataVersion = -1;
function checkpoint() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  const dataVersion = db.pragma('data_version', { simple: true });
  const quiet = dataVersion === lastDataVersion && result.busy === 0 && result.log === result.checkpointed;
  lastDataVersion = dataVersion;
  if (quiet && walSize() > workerData.shrinkAboveBytes) truncateUnlessBusy();
}
// Without a wait: a TRUNCATE checkpoint that waited for a reader would hold back the writer meanwhile.
function truncateUnlessBusy() {
  db.pragma('busy_timeout = 0');
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } finally { db.pragma('busy_timeout = 1000'); }
}
function walSize() {
  try { return statSync(walPath).size; } catch { return 0; }
}
const timer = setInterval(() => {
  try { checkpoint(); } catch (error) { parentPort.postMessage({ error: error.message }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface BackgroundCheckpointerOptions {
  /** How often the WAL is copied into the database file (default 1 s). */
  intervalMs?: number;
  /** The size over which a quiet WAL file is truncated (default 64 MiB). */
  shrinkAboveBytes?: number;
}

export function startBackgroundCheckpointer(
  path: string,
  onError: (message: string) => void,
  { intervalMs = 1000, shrinkAboveBytes = 64 * 1024 * 1024 }: BackgroundCheckpointerOptions = {},
): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, shrinkAboveBytes, driver } });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'error' in message) onError(String((message as { error: unknown }).error));
  });
  worker.on('error', (error) => onError(error.message));
  // Unref'd while running so it never keeps a process alive; ref'd while stopping so the exit is awaited.
  worker.unref();
  return {
    async stop() {
      if (exited) return;
      worker.ref();
      worker.postMessage('stop');
      await exit;
    },
  };
}
