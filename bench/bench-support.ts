import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { shebangNodeFlags } from '../src/cli/shebang-node-flags.js';

export { ADMIN_KEY, WRITE_AUTH, WRITE_KEY } from './bench-keys.js';
import { pacedLoad } from './paced-load.js';
import { ADMIN_KEY, WRITE_AUTH, WRITE_KEY } from './bench-keys.js';

/** The built `kairos` bin (`npm run build`). */
const KAIROS_BIN = 'dist/cli/main.js';

export interface Spawned {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits for its "listening" line (Kairos' pino line, or the bare server's).
 * With `BENCH_SERVER_OUTPUT` set, everything the server prints (its logs, `--trace-gc` lines) is
 * appended to that file; with `BENCH_SERVER_CPUS` (e.g. `1`), the server runs on those cores only.
 */
export async function spawnListening(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  // BENCH_SERVER_CPUS pins the server (Kairos or bare) to those cores with taskset, so that a load
  // generator pinned elsewhere (`taskset -c 0 node … bench`) does not compete with it for a core.
  const cpus = process.env.BENCH_SERVER_CPUS;
  const [command, commandArgs] = cpus ? ['taskset', ['-c', cpus, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = process.env.BENCH_SERVER_OUTPUT;
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (output) appendFileSync(output, `${line}\n`);
      if (line.includes('Kairos is listening')) resolve((JSON.parse(line) as { url: string }).url);
    });
    void exited.then(() => reject(new Error(`${args.join(' ')} exited before listening`)));
  });
  return {
    child,
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Kairos as a child process, with the Node flags of the `kairos` bin's #! line (as users start it);
 * `BENCH_KAIROS_NODE_ARGS` adds more (e.g. `--cpu-prof`) to profile it under load. With
 * `BENCH_BLOCKED_SYSCALLS=FILE`, bench/blocked-syscalls.ts watches it and appends to FILE each stretch
 * over `BENCH_BLOCKED_SYSCALLS_MS` (default 20) its event loop spent in one system call.
 */
export async function spawnKairos(dataDir = mkdtempSync(join(tmpdir(), 'kairos-bench-')), env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  const nodeArgs = [...shebangNodeFlags(readFileSync(KAIROS_BIN, 'utf8')), ...(process.env.BENCH_KAIROS_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const server = await spawnListening([...nodeArgs, KAIROS_BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    KAIROS_WRITE_KEY: WRITE_KEY,
    KAIROS_ADMIN_KEY: ADMIN_KEY,
    KAIROS_LOG_LEVEL: 'info',
    ...env,
  });
  const blockedSyscalls = process.env.BENCH_BLOCKED_SYSCALLS;
  if (blockedSyscalls) {
    const output = openSync(blockedSyscalls, 'a');
    const watcher = spawn(process.execPath, ['--import', 'tsx', 'bench/blocked-syscalls.ts', String(server.child.pid), process.env.BENCH_BLOCKED_SYSCALLS_MS ?? '20'], {
      stdio: ['ignore', output, 'inherit'],
    });
    closeSync(output); // the watcher has its own copy
    watcher.unref(); // it ends by itself when the server does
  }
  return server;
}

/**
 * Waits until a started server's recommendation models have learned the log (they learn it a page at a
 * time on the one event loop, so anything measured before then measures the warm-up); returns the ms waited.
 */
export async function untilRecommendationsWarm(url: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${url}/v1/recommendations`, { method: 'POST', headers: { authorization: WRITE_AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ placement: 'home' }) });
    if (!response.ok) throw new Error(`POST /v1/recommendations answered ${response.status}: ${await response.text()}`);
    if (!((await response.json()) as { warming: boolean }).warming) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function spawnBareServer(): Promise<Spawned> {
  return spawnListening(['--import', 'tsx', 'bench/bare-http-server.ts']);
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/**
 * Writes a freshly prepared (or copied) store to disk before it is measured, as a server that has been
 * running has it: otherwise the kernel writes its gigabytes back during the measurement, and the
 * server's reads of pages being written back wait for them (docs/benchmarks.md, issue 3, session 14).
 */
export function flushToDisk(dir: string): void {
  for (const name of readdirSync(dir)) {
    const fd = openSync(join(dir, name), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Runs autocannon; `body` is called per request so every event has its own messageId. */
export async function load(options: { url: string; path: string; body: () => string; connections: number; seconds: number; rate?: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url + options.path,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { authorization: WRITE_AUTH, 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: options.body() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * A server's CPU time over one load round, per request answered: what a request costs the server's
 * core, whether or not the load generator could keep it busy (the bare server is often not: it
 * answers as fast as one load-generating core asks, 0.8–1.1× a one-route Fastify server).
 */
export type MeasuredLoad = LoadResult & { cpuMicrosPerRequest: number };

export async function loadMeasuringCpu(server: Spawned, options: Parameters<typeof load>[0]): Promise<MeasuredLoad> {
  const before = cpuSecondsOf(server.child.pid!);
  const result = await load(options);
  const seconds = cpuSecondsOf(server.child.pid!) - before;
  return { ...result, cpuMicrosPerRequest: Math.round((seconds * 1e6) / (result.requestsPerSecond * options.seconds)) };
}

/**
 * What a server saturating its one core may spend per request at the issues' throughput targets:
 * 0.5× the bare server's requests/s leaves 1 / (0.5 × that) seconds of CPU a request.
 */
export function cpuBudgetMicrosAtHalfBare(bareRequestsPerSecond: number): number {
  return Math.round(1e6 / (0.5 * bareRequestsPerSecond));
}

/** CPU time of every thread of a process so far (the event loop, V8's and libuv's), from /proc. Linux only. */
export function cpuSecondsOf(pid: number): number {
  let nanoseconds = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read. Node's own threads live as long as the process.
    }
  }
  return nanoseconds / 1e9;
}

export function writeResult(name: string, result: unknown): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(join('bench/results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** The median of some numbers (the benchmarks report the median of alternating rounds). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p50 and p99 of timings in microseconds, rounded (the in-process figures). */
export function percentileMicros(micros: readonly number[]): { p50Micros: number; p99Micros: number } {
  const sorted = [...micros].sort((a, b) => a - b);
  return { p50Micros: Math.round(sorted[sorted.length >> 1]!), p99Micros: Math.round(sorted[Math.floor(sorted.length * 0.99)]!) };
}

/**
 * Three consecutive windows of steady, paced load (pacedLoad): the first still pays for the saturation
 * rounds before it (the background checkpointer drains their WAL); the last is the steady state
 * targets are judged on.
 */
export async function halfLoadWindows(options: { url: string; path: string; body: () => string; connections: number; seconds: number; rate: number }): Promise<{ steadyState: LoadResult; windows: LoadResult[] }> {
  const windows: LoadResult[] = [];
  for (let window = 0; window < 3; window++) windows.push(await pacedLoad({ ...options, rate: Math.max(1, options.rate) }));
  return { steadyState: windows[windows.length - 1]!, windows };
}
