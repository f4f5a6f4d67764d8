import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, WRITE_KEY, type TestServer } from '../test-support/test-server.js';

describe('cross-origin access over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const preflight = (path: string, method: string, headers: string) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('lets any origin call decide with the write key in an Authorization header', async () => {
    const response = await preflight('/v1/decide', 'POST', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('answers the tracking calls, the stream and the SDK itself to any origin', async () => {
    for (const path of ['/v1/batch', '/v1/track', '/v1/stream?writeKey=x', '/sdk/kairos.js']) {
      expect((await preflight(path, 'POST', 'content-type')).headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('keeps admin routes same-origin: no CORS headers, so browsers refuse', async () => {
    const response = await preflight('/v1/profiles/someone', 'GET', 'authorization');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${server.url}/v1/campaigns`, { headers: { origin: 'https://shop.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds nothing to a call without an Origin header (a server-side library)', async () => {
    const response = await fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
      body: JSON.stringify({ event: 'Server Side', userId: 'server-1', messageId: 'server-msg-1' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts a beacon: a text/plain JSON batch with the write key in the body, from another origin', async () => {
    const body = JSON.stringify({ writeKey: WRITE_KEY, batch: [{ type: 'track', event: 'Beacon Sent', anonymousId: 'beacon-1', messageId: 'beacon-msg-1' }] });
    const response = await fetch(`${server.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' }, body });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ success: true, accepted: 1, duplicates: 0 });
    const events = await server.request('GET', '/v1/profiles/beacon-1/events', { auth: 'admin' });
    expect(events.body.events.map((event: { name: string }) => event.name)).toEqual(['Beacon Sent']);
  });
});
