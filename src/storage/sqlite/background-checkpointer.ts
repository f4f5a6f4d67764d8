import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface BackgroundCheckpointer {
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for a database file. Runs the compiled worker next to this module;
 * from the TypeScript sources (tests, tsx) it runs the .ts file through tsx's loader.
 */
export function startBackgroundCheckpointer(path: string, onError: (message: string) => void, intervalMs = 1000): BackgroundCheckpointer {
  const compiled = new URL('./checkpoint-worker.js', import.meta.url);
  const source = new URL('./checkpoint-worker.ts', import.meta.url);
  const worker = existsSync(compiled)
    ? new Worker(compiled, { workerData: { path, intervalMs } })
    : new Worker(source, { workerData: { path, intervalMs }, execArgv: ['--import', 'tsx'] });
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'error' in message) onError(String((message as { error: unknown }).error));
  });
  worker.on('error', (error) => onError(error.message));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Unref'd while running so it never keeps a process alive; ref'd while stopping so the exit is awaited.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.once('message', (message) => {
          if (message === 'stopped') void worker.terminate();
        });
        worker.postMessage('stop');
      }),
  };
}
