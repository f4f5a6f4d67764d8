/** Runs `run` and says how long it took in seconds (wall clock), for the training times the reports print. */
export function timed<T>(run: () => T): { result: T; seconds: number } {
  const started = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - started) / 1000 };
}
