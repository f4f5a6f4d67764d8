import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../src/test-support/server-process.js';

const env = { KAIROS_WRITE_KEY: 'durable-write-key', KAIROS_ADMIN_KEY: 'durable-admin-key' };
const writeAuth = `Basic ${Buffer.from('durable-write-key:').toString('base64')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-durable-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function track(url: string, messageId: string): Promise<number> {
  const response = await fetch(`${url}/v1/track`, {
    method: 'POST',
    headers: { authorization: writeAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'Product Viewed', userId: 'durable', messageId, properties: { product_id: 'p1' } }),
    // Node's fetch (undici) can wait forever on a request the server never read before it closed the
    // socket on shutdown; such a request was not acknowledged, which is what the test counts as 0.
    signal: AbortSignal.timeout(5_000),
  });
  return response.status;
}

async function storedMessageIds(url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  do {
    const response = await fetch(`${url}/v1/profiles/durable/events?limit=1000${after ? `&after=${after}` : ''}`, {
      headers: { authorization: 'Bearer durable-admin-key' },
    });
    if (response.status === 404) return ids; // no event was ever stored for the profile
    const page = (await response.json()) as { events: Array<{ messageId: string }>; next: string | null };
    for (const event of page.events) ids.add(event.messageId);
    after = page.next;
  } while (after);
  return ids;
}

describe('durability', () => {
  it('keeps every acknowledged event, and its effect on the profile, across kill -9 right after the 2xx', async () => {
    // Profile states are saved behind the log; with an hour between saves none is saved before the kill.
    const first = await spawnServer(dataDir, { ...env, KAIROS_PROFILE_FLUSH_MS: '3600000' });
    const acknowledged: string[] = [];
    let killed = false;
    // 8 writers in parallel; the moment the 150th acknowledgement arrives the server is killed, with requests in flight.
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; !killed; i++) {
          const messageId = `w${writer}-${i}`;
          const status = await track(first.url, messageId).catch(() => 0);
          if (status !== 200) return;
          acknowledged.push(messageId);
          if (acknowledged.length >= 150 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const second = await spawnServer(dataDir, env);
    try {
      const stored = await storedMessageIds(second.url);
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      // The restarted server folded the log into the profile the kill left unsaved: every stored event counts.
      const profile = (await (await fetch(`${second.url}/v1/profiles/durable`, { headers: { authorization: 'Bearer durable-admin-key' } })).json()) as {
        features: { lifetime: { events: number } };
      };
      expect(profile.features.lifetime.events).toBe(stored.size);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('finishes in-flight writes on SIGTERM and exits 0', async () => {
    const server = await spawnServer(dataDir, env);
    const inFlight = Array.from({ length: 50 }, (_, i) => track(server.url, `graceful-${i}`).catch(() => 0));
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(await server.exited).toBe(0);
    const acknowledged = statuses.map((status, i) => (status === 200 ? `graceful-${i}` : undefined)).filter((id): id is string => id !== undefined);

    const again = await spawnServer(dataDir, env);
    try {
      const stored = await storedMessageIds(again.url);
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      // Requests refused during shutdown got a clear 503 or a closed connection, never a lost 2xx.
      expect(statuses.every((status) => status === 200 || status === 503 || status === 0)).toBe(true);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
