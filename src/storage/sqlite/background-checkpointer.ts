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
 * On Linux the worker lowers its own thread's priority to the lowest (nice 19; setpriority on a thread
 * id sets that thread's): a checkpoint copies tens of MB a second of WAL pages, and on a busy core the
 * kernel would otherwise share it equally with the event loop, which requests wait for. It still runs
 * in any idle time, and the WAL only grows while it is behind.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const thread = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(thread, 19);
} catch {
  // Not Linux, or not allowed: the checkpoint runs at the process's priority.
}
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
db.pragma('wal_autocheckpoint = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: error.message }); }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startBackgroundCheckpointer(path: string, onError: (message: string) => void, intervalMs = 1000): BackgroundCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
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
