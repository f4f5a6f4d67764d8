import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { startServer, type RunningServer } from '../server/start-server.js';

export const WRITE_KEY = 'test-write-key-0001';
export const ADMIN_KEY = 'test-admin-key-0001';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** fetch against the server with JSON in and out. */
  request(method: string, path: string, options?: { body?: unknown; auth?: 'write' | 'admin' | 'none' | string; gzip?: boolean; rawBody?: string | Buffer; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  dispose(): Promise<void>;
}

/** A real server on a free port over a fresh data dir, for tests over HTTP. */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-http-'));
  const config = loadConfig({ dataDir, port: 0, host: '127.0.0.1' }, { KAIROS_WRITE_KEY: WRITE_KEY, KAIROS_ADMIN_KEY: ADMIN_KEY, ...env });
  const server = await startServer(config, { logger: pino({ level: 'silent' }) });
  return Object.assign(server, {
    dataDir,
    async request(method: string, path: string, options: Parameters<TestServer['request']>[2] = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const auth = options.auth ?? 'write';
      if (auth === 'write') headers.authorization = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
      else if (auth === 'admin') headers.authorization = `Bearer ${ADMIN_KEY}`;
      else if (auth !== 'none') headers.authorization = auth;
      let body: string | Buffer | undefined = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
        if (options.gzip) {
          body = gzipSync(body);
          headers['content-encoding'] = 'gzip';
        }
      }
      const response = await fetch(`${server.url}${path}`, { method, headers, body: body as string | Uint8Array | undefined });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // /metrics answers text
      }
      return { status: response.status, body: parsed };
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
