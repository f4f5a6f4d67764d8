import { Agent, request } from 'node:http';
import { WRITE_AUTH } from './bench-keys.js';
import type { LoadResult } from './bench-support.js';

/**
 * An open-loop load at a steady rate: request i is due at start + i/rate, whatever happened to the
 * ones before, and its latency is counted from when it was due (so a server that stalls is charged
 * for the requests that queued behind the stall). Written here because autocannon's `overallRate`
 * sends each connection's quota for a second back to back at the top of the second, so at half of a
 * server's capacity every second starts with a burst half a second long, and its p99 measures that
 * burst, not the server.
 */
export async function pacedLoad(options: { url: string; path: string; body: () => string; rate: number; seconds: number; connections: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.path, options.url);
  const total = Math.floor(options.rate * options.seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = options.body();
    inFlight.push(
      new Promise<void>((resolve) => {
        const outgoing = request(
          target,
          { method: 'POST', agent, headers: { authorization: WRITE_AUTH, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (response) => {
            response.resume();
            response.on('end', () => {
              if ((response.statusCode ?? 0) >= 300) non2xx++;
              latencies.push(performance.now() - due);
              resolve();
            });
          },
        );
        outgoing.on('error', () => {
          errors++;
          resolve();
        });
        outgoing.end(body);
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? Number.NaN) * 10) / 10;
  return { requestsPerSecond: Math.round(latencies.length / elapsed), p50Ms: at(0.5), p99Ms: at(0.99), non2xx, errors };
}
