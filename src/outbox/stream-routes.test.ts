import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startTestServer, WRITE_KEY, type TestServer } from '../test-support/test-server.js';
import { sampleOutboxInput } from './outbox-fixtures.js';
import { interventions, openStream } from '../test-support/stream-reader.js';

describe('the live-session stream over HTTP', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('delivers a web message to the shopper’s open stream as an intervention event', async () => {
    server = await startTestServer();
    const stream = await openStream(server, `writeKey=${WRITE_KEY}&anonymousId=anon-1`);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await eventually(() => expect(stream.text()).toBe('retry: 3000\n\n'));

    const [message] = await server.kairos.outbox.enqueue([sampleOutboxInput({ channel: 'web', recipient: { anonymousId: 'anon-1' } })]);
    await eventually(() => expect(interventions(stream.text())).toHaveLength(1));
    expect(interventions(stream.text())[0]).toEqual({
      messageId: message!.id,
      decisionId: 'dec_1',
      campaignId: 'cmp_1',
      variantId: 'reminder',
      kind: 'convenience',
      channel: 'web',
      content: message!.content,
    });
    await eventually(async () => expect((await server!.request('GET', `/v1/outbox/${message!.id}`, { auth: 'admin' })).body.status).toBe('delivered'));
    stream.close();
  });

  it('reaches a page opened with the anonymousId when the message names the profile the shopper logged in to', async () => {
    server = await startTestServer();
    await server.request('POST', '/v1/identify', { body: { userId: 'sarah-1', anonymousId: 'anon-7', traits: { email: 'sarah@example.com' } } });
    const profileId = (await server.request('GET', '/v1/profiles/sarah-1', { auth: 'admin' })).body.id as string;
    const stream = await openStream(server, `writeKey=${WRITE_KEY}&anonymousId=anon-7`);
    await eventually(() => expect(stream.text()).toContain('retry:'));
    await server.kairos.outbox.enqueue([sampleOutboxInput({ channel: 'kiosk', profileId, recipient: { email: 'sarah@example.com' } })]);
    await eventually(() => expect(interventions(stream.text())).toMatchObject([{ channel: 'kiosk' }]));
    stream.close();
  });

  it('retries a web message while no stream is open, then gives it up', async () => {
    server = await startTestServer({ KAIROS_OUTBOX_MAX_ATTEMPTS: '3', KAIROS_OUTBOX_BACKOFF_BASE_MS: '1' });
    const [message] = await server.kairos.outbox.enqueue([sampleOutboxInput({ channel: 'web', recipient: { anonymousId: 'nobody-home' } })]);
    const dead = await eventually(async () => {
      const response = await server!.request('GET', `/v1/outbox/${message!.id}`, { auth: 'admin' });
      expect(response.body.status).toBe('dead');
      return response.body;
    });
    expect(dead.attemptHistory.map((attempt: { error: string }) => attempt.error)).toEqual(Array(3).fill('no live session of the shopper is open'));
  });

  it('takes the write key from the query string on this route only, and needs an identifier', async () => {
    server = await startTestServer();
    const wrongKey = await server.request('GET', '/v1/stream?writeKey=not-the-key&anonymousId=a1', { auth: 'none' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error.code).toBe('KAIROS_UNAUTHORIZED');
    expect((await server.request('GET', '/v1/stream?anonymousId=a1', { auth: 'none' })).status).toBe(401);
    const noIdentifier = await server.request('GET', `/v1/stream?writeKey=${WRITE_KEY}`, { auth: 'none' });
    expect(noIdentifier.status).toBe(400);
    expect(noIdentifier.body.error.details[0]).toEqual({ field: 'anonymousId', problem: 'anonymousId or userId is required' });
    const elsewhere = await server.request('POST', `/v1/track?writeKey=${WRITE_KEY}`, { auth: 'none', body: { anonymousId: 'a1', event: 'Product Viewed' } });
    expect(elsewhere.status).toBe(401);
    expect((await server.request('GET', '/v1/outbox?writeKey=' + WRITE_KEY, { auth: 'none' })).status).toBe(401);
  });

  it('ends open streams on stop without delaying shutdown', async () => {
    server = await startTestServer();
    const stream = await openStream(server, `writeKey=${WRITE_KEY}&userId=sarah-1`);
    await eventually(() => expect(stream.text()).toContain('retry:'));
    expect(server.kairos.liveSessions.openCount).toBe(1);
    const startedAt = performance.now();
    await server.dispose();
    server = undefined;
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});
