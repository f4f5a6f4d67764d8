import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('startServer: the store prewarmed at start', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('walks the identities and profile states of the store it opened, while it answers', async () => {
    server = await startTestServer();
    expect((await server.request('GET', '/healthz', { auth: 'none' })).status).toBe(200);
    const report = await server.prewarmed;
    expect(report.skipped).toBeUndefined();
    expect(report.structures.map((structure) => structure.name)).toEqual(['identities', 'profiles_by_id', 'profiles']);
  });

  it('leaves the store alone with KAIROS_PREWARM=off', async () => {
    server = await startTestServer({ KAIROS_PREWARM: 'off' });
    expect(await server.prewarmed).toEqual({ structures: [], ms: 0, skipped: 'turned off (KAIROS_PREWARM=off)' });
  });
});
