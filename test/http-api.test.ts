import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, WRITE_KEY, type TestServer } from '../src/test-support/test-server.js';

let server: TestServer;
const now = () => new Date().toISOString();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

describe('authentication', () => {
  it('serves /healthz without a key', async () => {
    expect(await server.request('GET', '/healthz', { auth: 'none' })).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 401 without a key or with a wrong one, and 403 for the write key on admin routes', async () => {
    const event = { event: 'x', anonymousId: 'a' };
    expect((await server.request('POST', '/v1/track', { body: event, auth: 'none' })).status).toBe(401);
    const wrong = await server.request('POST', '/v1/track', { body: event, auth: `Basic ${Buffer.from('nope:').toString('base64')}` });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'KAIROS_UNAUTHORIZED' } } });
    const forbidden = await server.request('GET', '/v1/profiles/a', { auth: 'write' });
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: 'KAIROS_FORBIDDEN' } } });
    expect((await server.request('GET', '/v1/profiles/a', { auth: `Bearer ${WRITE_KEY}` })).status).toBe(403);
  });

  it('accepts the write key in the body, as Segment does', async () => {
    const response = await server.request('POST', '/v1/track', { body: { event: 'x', anonymousId: 'body-key', writeKey: WRITE_KEY }, auth: 'none' });
    expect(response).toEqual({ status: 200, body: { success: true, accepted: 1, duplicates: 0 } });
  });
});

describe('Segment-compatible ingestion', () => {
  it('accepts every call type', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['identify', { userId: 'ada', traits: { email: 'Ada@Example.com', firstName: 'Ada' } }],
      ['track', { userId: 'ada', event: 'Product Viewed', properties: { product_id: 'sku-1', price: 20 } }],
      ['page', { userId: 'ada', name: 'Home' }],
      ['screen', { userId: 'ada', name: 'Cart', context: { channel: 'app' } }],
      ['group', { userId: 'ada', groupId: 'household-1' }],
      ['alias', { userId: 'ada', previousId: 'ada-anon' }],
    ];
    for (const [type, body] of calls) {
      const response = await server.request('POST', `/v1/${type}`, { body: { ...body, timestamp: now() } });
      expect(response, type).toMatchObject({ status: 200, body: { success: true, accepted: 1 } });
    }
    const profile = await server.request('GET', '/v1/profiles/email:ada@example.com', { auth: 'admin' });
    expect(profile.status).toBe(200);
    expect(profile.body.traits.firstName).toBe('Ada');
    expect(profile.body.features.lifetime.events).toBe(6);
  });

  it('decodes gzip bodies', async () => {
    const response = await server.request('POST', '/v1/batch', {
      gzip: true,
      body: { batch: [{ type: 'track', event: 'Product Viewed', anonymousId: 'gz', properties: { product_id: 'p' } }] },
    });
    expect(response).toMatchObject({ status: 200, body: { accepted: 1 } });
  });

  it('keeps the valid events of a batch and names the index, field and problem of the others', async () => {
    const response = await server.request('POST', '/v1/batch', {
      body: {
        batch: [
          { type: 'track', event: 'Product Viewed', anonymousId: 'batcher', messageId: 'b-1' },
          { type: 'track', anonymousId: 'batcher' },
          { type: 'teleport', anonymousId: 'batcher' },
          { type: 'track', event: 'Cart Viewed', anonymousId: 'batcher', messageId: 'b-2' },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.accepted).toBe(2);
    expect(response.body.error.details).toEqual([
      { index: 1, field: 'event', problem: 'Expected required property' },
      { index: 2, field: 'type', problem: expect.stringContaining('must be one of track') },
    ]);
    expect(response.body.error.message).toContain('event 1, event');
    const history = await server.request('GET', '/v1/profiles/batcher/events', { auth: 'admin' });
    expect(history.body.events.map((event: { messageId: string }) => event.messageId)).toEqual(['b-1', 'b-2']);
  });

  it('acknowledges a replayed messageId without storing it twice', async () => {
    const body = { event: 'Product Viewed', anonymousId: 'replayer', messageId: 'replay-1' };
    expect((await server.request('POST', '/v1/track', { body })).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await server.request('POST', '/v1/track', { body })).body).toMatchObject({ accepted: 1, duplicates: 1 });
    const history = await server.request('GET', '/v1/profiles/replayer/events', { auth: 'admin' });
    expect(history.body.events).toHaveLength(1);
  });

  it('answers 413 for an event over 32 KB and a batch over 500 KB, even gzipped', async () => {
    const big = await server.request('POST', '/v1/track', { body: { event: 'x', anonymousId: 'a', properties: { s: 'x'.repeat(40_000) } } });
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'KAIROS_PAYLOAD_TOO_LARGE' } } });
    const batch = { batch: Array.from({ length: 30 }, () => ({ type: 'track', event: 'x', anonymousId: 'a', properties: { s: 'y'.repeat(20_000) } })) };
    expect((await server.request('POST', '/v1/batch', { body: batch })).status).toBe(413);
    expect((await server.request('POST', '/v1/batch', { body: batch, gzip: true })).status).toBe(413);
  });

  it('refuses malformed JSON, a wrong content type and bad gzip with a JSON error', async () => {
    const malformed = await server.request('POST', '/v1/track', { rawBody: '{"event": "x", ' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'KAIROS_MALFORMED_JSON' } } });
    const form = await server.request('POST', '/v1/track', { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const badGzip = await server.request('POST', '/v1/track', { rawBody: 'not gzip', headers: { 'content-encoding': 'gzip' } });
    expect(badGzip).toMatchObject({ status: 400, body: { error: { code: 'KAIROS_MALFORMED_ENCODING' } } });
  });

  it('refuses a body that is not an object, and timestamps in 1970 or the far future', async () => {
    expect((await server.request('POST', '/v1/track', { body: [1, 2, 3] })).status).toBe(400);
    const old = await server.request('POST', '/v1/track', { body: { event: 'x', anonymousId: 'a', timestamp: '1970-01-01T00:00:01Z' } });
    expect(old).toMatchObject({ status: 400, body: { error: { details: [{ index: 0, field: 'timestamp' }] } } });
    const future = await server.request('POST', '/v1/track', { body: { event: 'x', anonymousId: 'a', timestamp: '2099-01-01T00:00:00Z' } });
    expect(future.status).toBe(400);
  });

  it('stores SQL-looking strings, unicode and emoji as they are', async () => {
    const name = "x'); DELETE FROM events; -- 👠 Zoë";
    await server.request('POST', '/v1/identify', { body: { userId: name, traits: { name } } });
    const profile = await server.request('GET', `/v1/profiles/${encodeURIComponent(`userId:${name}`)}`, { auth: 'admin' });
    expect(profile.body.traits.name).toBe(name);
  });
});

describe('profiles, consent, export and erasure', () => {
  it('pages through the whole history', async () => {
    const batch = Array.from({ length: 25 }, (_, i) => ({ type: 'track', event: 'Product Viewed', userId: 'pager', messageId: `pg-${i}`, timestamp: new Date(Date.now() - (25 - i) * 1000).toISOString(), properties: { product_id: `p${i}` } }));
    await server.request('POST', '/v1/batch', { body: { batch } });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { events: Array<{ messageId: string }>; next: string | null } } = await server.request('GET', `/v1/profiles/pager/events?limit=10${after ? `&after=${after}` : ''}`, { auth: 'admin' });
      seen.push(...page.body.events.map((event) => event.messageId));
      after = page.body.next;
    } while (after);
    expect(seen).toEqual(batch.map((event) => event.messageId));
  });

  it('answers 404 with a JSON error for an unknown profile, and 400 for a bad cursor', async () => {
    expect(await server.request('GET', '/v1/profiles/nobody-at-all', { auth: 'admin' })).toMatchObject({ status: 404, body: { error: { code: 'KAIROS_PROFILE_NOT_FOUND' } } });
    expect((await server.request('GET', '/v1/profiles/pager/events?after=zzz', { auth: 'admin' })).status).toBe(400);
    expect((await server.request('GET', '/v1/profiles/pager/events?limit=0', { auth: 'admin' })).status).toBe(400);
  });

  it('records consent from identify traits and from the consent API', async () => {
    await server.request('POST', '/v1/identify', { body: { userId: 'consenter', traits: { consent: { email: true, sms: false } } } });
    const put = await server.request('PUT', '/v1/profiles/consenter/consent', { auth: 'admin', body: { sms: true, push: false } });
    expect(put.status).toBe(200);
    expect(put.body.consent).toMatchObject({ email: { granted: true, source: 'identify' }, sms: { granted: true, source: 'api' }, push: { granted: false } });
    const bad = await server.request('PUT', '/v1/profiles/consenter/consent', { auth: 'admin', body: { telepathy: true } });
    expect(bad.status).toBe(400);
  });

  it('exports everything and erases the person so that nothing remains in the database file', async () => {
    const marker = `unique-marker-${Date.now()}-zq`;
    await server.request('POST', '/v1/identify', { body: { userId: 'leaver', traits: { email: `${marker}@example.com`, note: marker } } });
    await server.request('POST', '/v1/track', { body: { userId: 'leaver', event: 'Product Viewed', properties: { product_id: 'p1', note: marker } } });
    const exported = await server.request('GET', '/v1/profiles/leaver/export', { auth: 'admin' });
    expect(exported.body.events).toHaveLength(2);
    expect(JSON.stringify(exported.body)).toContain(marker);

    // Control: before the erasure the marker is on disk, so the search below can find it.
    expect(filesContaining(marker)).not.toEqual([]);
    const erased = await server.request('DELETE', '/v1/profiles/leaver', { auth: 'admin' });
    expect(erased).toMatchObject({ status: 200, body: { erased: true, eventsDeleted: 2, identitiesDeleted: 2 } });
    expect((await server.request('GET', '/v1/profiles/leaver', { auth: 'admin' })).status).toBe(404);
    expect(filesContaining(marker)).toEqual([]);
  });
});

function filesContaining(marker: string): string[] {
  return ['kairos.db', 'kairos.db-wal'].filter((file) => {
    try {
      return readFileSync(join(server.dataDir, file)).includes(Buffer.from(marker));
    } catch {
      return false; // no WAL file after a truncating checkpoint
    }
  });
}

describe('operations', () => {
  it('exposes Prometheus metrics', async () => {
    const metrics = await server.request('GET', '/metrics', { auth: 'none' });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/kairos_events_accepted_total \d+/);
    expect(metrics.body).toMatch(/kairos_events_rejected_total\{reason="schema"\} \d+/);
    expect(metrics.body).toContain('kairos_ingest_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/kairos_writer_slice_events_count [1-9]\d*/);
    expect(metrics.body).toMatch(/kairos_writer_slice_seconds_count [1-9]\d*/);
    expect(metrics.body).toMatch(/kairos_profiles \d+/);
    expect(metrics.body).toMatch(/kairos_profiles_unsaved \d+/);
    expect(metrics.body).toMatch(/kairos_store_size_bytes \d+/);
  });

  it('publishes an OpenAPI document generated from the request schemas', async () => {
    const doc = await server.request('GET', '/openapi.json', { auth: 'none' });
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of ['/v1/track', '/v1/batch', '/v1/import', '/v1/profiles/{id}', '/v1/catalog/products/{id}']) expect(doc.body.paths[path], path).toBeDefined();
    const trackBody = doc.body.paths['/v1/track'].post.requestBody.content['application/json'].schema;
    expect(trackBody.required).toContain('event');
  });

  it('answers unknown routes with a JSON 404', async () => {
    expect(await server.request('GET', '/v2/nothing', { auth: 'admin' })).toMatchObject({ status: 404, body: { error: { code: 'KAIROS_ROUTE_NOT_FOUND' } } });
  });
});
