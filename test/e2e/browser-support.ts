import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { TestServer } from '../../src/test-support/test-server.js';

export const SDK_BUNDLE_PATH = fileURLToPath(new URL('../../dist/sdk/kairos.js', import.meta.url));

/** Debian's chromium, headless; never a downloaded browser. Tests need the SDK bundle built first. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(SDK_BUNDLE_PATH)) throw new Error(`${SDK_BUNDLE_PATH} is missing: run npm run build first`);
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface HistoryEvent {
  type: string;
  name?: string;
  anonymousId?: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** Polls the profile's history until `done` holds for it; fails with what was there after the timeout. */
export async function waitForHistory(server: TestServer, identifier: string, done: (events: HistoryEvent[]) => boolean, timeoutMs = 10_000): Promise<HistoryEvent[]> {
  const deadline = Date.now() + timeoutMs;
  let events: HistoryEvent[] = [];
  while (Date.now() < deadline) {
    const response = await server.request('GET', `/v1/profiles/${encodeURIComponent(identifier)}/events?limit=1000`, { auth: 'admin' });
    events = response.status === 200 ? (response.body.events as HistoryEvent[]) : [];
    if (done(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the history of ${identifier} never satisfied the test; it holds: ${events.map((event) => event.name ?? event.type).join(', ')}`);
}

export const named = (events: HistoryEvent[], name: string) => events.filter((event) => event.name === name);
