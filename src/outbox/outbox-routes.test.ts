import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startHttpReceiver, type HttpReceiver } from '../test-support/http-receiver.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { verifyWebhookSignature } from './channels/webhook-signature.js';
import { sampleOutboxInput } from './outbox-fixtures.js';
import type { OutboxMessageInput } from './outbox-message.js';

const SECRET = 'whsec_0123456789abcdef';

describe('the outbox over HTTP, with real receivers', () => {
  let server: TestServer | undefined;
  let receiver: HttpReceiver | undefined;
  afterEach(async () => {
    await server?.dispose();
    await receiver?.close();
    server = receiver = undefined;
  });

  async function start(respond: Parameters<typeof startHttpReceiver>[0], env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
    receiver = await startHttpReceiver(respond);
    server = await startTestServer({ KAIROS_WEBHOOK_URL: `${receiver.url}/kairos`, KAIROS_WEBHOOK_SECRET: SECRET, KAIROS_OUTBOX_BACKOFF_BASE_MS: '1', ...env });
    return server;
  }
  const admin = (method: string, path: string) => server!.request(method, path, { auth: 'admin' });
  const enqueue = async (input: Partial<OutboxMessageInput> = {}) => (await server!.kairos.outbox.enqueue([sampleOutboxInput(input)]))[0]!;
  const eventNames = async (identifier: string) =>
    ((await admin('GET', `/v1/profiles/${identifier}/events?limit=1000`)).body.events ?? []).map((event: { name?: string }) => event.name);

  it('delivers a message to the webhook with a signature the receiver verifies, and writes Intervention Sent', async () => {
    const verified: boolean[] = [];
    await start((request) => {
      verified.push(verifyWebhookSignature(SECRET, request.headers['kairos-signature'] as string, request.body.toString('utf8'), 300));
      return 204;
    });
    const message = await enqueue();
    const shown = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${message.id}`);
      expect(response.body.status).toBe('delivered');
      return response.body;
    });
    expect(verified).toEqual([true]);
    expect(receiver!.requests[0]!.headers['idempotency-key']).toBe(message.idempotencyKey);
    expect(JSON.parse(receiver!.requests[0]!.body.toString('utf8'))).toMatchObject({ id: message.id, content: message.content, recipient: message.recipient });
    expect(shown).toMatchObject({ id: message.id, attempts: 1, attemptHistory: [{ outcome: 'delivered', durationMs: expect.any(Number) }], deliveredAt: expect.any(String) });
    await eventually(async () => expect(await eventNames('sarah-1')).toContain('Intervention Sent'));
    const metrics = (await server!.request('GET', '/metrics', { auth: 'none' })).body as string;
    expect(metrics).toMatch(/kairos_outbox_sent_total\{channel="webhook"\} 1/);
    expect(metrics).toMatch(/kairos_outbox_delivery_seconds_count\{channel="webhook"\} 1/);
    expect(metrics).toMatch(/kairos_outbox_pending 0/);
  });

  it('retries a receiver that answers 500 twice, and shows the three attempts', async () => {
    await start((_request, index) => (index < 2 ? 500 : 200));
    const message = await enqueue();
    const shown = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${message.id}`);
      expect(response.body.status).toBe('delivered');
      return response.body;
    });
    expect(shown.attempts).toBe(3);
    expect(shown.attemptHistory.map((attempt: { outcome: string; error?: string }) => [attempt.outcome, attempt.error])).toEqual([
      ['failed', `${new URL(receiver!.url).host} answered HTTP 500`],
      ['failed', `${new URL(receiver!.url).host} answered HTTP 500`],
      ['delivered', undefined],
    ]);
    expect(receiver!.requests).toHaveLength(3);
    expect(new Set(receiver!.requests.map((request) => request.headers['idempotency-key']))).toEqual(new Set([message.idempotencyKey]));
  });

  it('gives up on a receiver that is down after KAIROS_OUTBOX_MAX_ATTEMPTS, and a retry delivers once it is up', async () => {
    let up = false;
    await start(() => (up ? 200 : 503), { KAIROS_OUTBOX_MAX_ATTEMPTS: '3' });
    const message = await enqueue();
    const dead = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${message.id}`);
      expect(response.body.status).toBe('dead');
      return response.body;
    });
    expect(dead).toMatchObject({ attempts: 3, lastError: expect.stringContaining('HTTP 503') });
    expect(receiver!.requests).toHaveLength(3);
    await eventually(async () => expect(await eventNames('sarah-1')).toContain('Intervention Failed'));
    expect((await admin('GET', '/v1/outbox?status=dead')).body.messages.map((listed: { id: string }) => listed.id)).toEqual([message.id]);
    expect((await server!.request('GET', '/metrics', { auth: 'none' })).body).toMatch(/kairos_outbox_dead_total\{channel="webhook"\} 1/);

    up = true;
    const retried = await admin('POST', `/v1/outbox/${message.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ attempts: 0 });
    const delivered = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${message.id}`);
      expect(response.body.status).toBe('delivered');
      return response.body;
    });
    expect(delivered.attempts).toBe(1);
    expect(delivered.attemptHistory).toHaveLength(4);
    const again = await admin('POST', `/v1/outbox/${message.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'KAIROS_CONFLICT', details: [{ field: 'status', problem: expect.stringMatching(/only a dead message.*delivered/) }] });
  });

  it('never makes ingestion or decisions wait for a slow receiver; the attempt times out', async () => {
    await start(() => new Promise((resolve) => setTimeout(() => resolve(200), 3000)), { KAIROS_OUTBOX_TIMEOUT_MS: '1500', KAIROS_OUTBOX_MAX_ATTEMPTS: '1' });
    const messages = await server!.kairos.outbox.enqueue(Array.from({ length: 10 }, (_, index) => sampleOutboxInput({ idempotencyKey: `slow-${index}` })));
    await eventually(() => expect(receiver!.requests.length).toBeGreaterThan(0));
    const startedAt = performance.now();
    const tracked = await server!.request('POST', '/v1/track', { body: { anonymousId: 'visitor-1', event: 'Product Viewed', properties: { product_id: 'p1' } } });
    const decided = await server!.request('POST', '/v1/decide', { body: { anonymousId: 'visitor-1', placement: 'product-page' } });
    const elapsed = performance.now() - startedAt;
    expect([tracked.status, decided.status]).toEqual([200, 200]);
    // Held up by the sends, they would take at least the 1.5 s attempt timeout.
    expect(elapsed).toBeLessThan(750);
    const dead = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${messages[0]!.id}`);
      expect(response.body.status).toBe('dead');
      return response.body;
    });
    expect(dead.lastError).toMatch(/timed out after 1500 ms/);
    expect(dead.attemptHistory[0].durationMs).toBeGreaterThanOrEqual(1450);
  });

  it('erases the outbox messages of an erased profile', async () => {
    await start(() => 200);
    await server!.request('POST', '/v1/identify', { body: { userId: 'sarah-1', traits: { email: 'sarah@example.com' } } });
    const profileId = (await admin('GET', '/v1/profiles/sarah-1')).body.id as string;
    const message = await enqueue({ profileId });
    expect((await admin('DELETE', '/v1/profiles/sarah-1')).status).toBe(200);
    expect((await admin('GET', `/v1/outbox/${message.id}`)).status).toBe(404);
    expect((await admin('GET', `/v1/outbox?profileId=${profileId}`)).body.messages).toEqual([]);
  });

  it('lists newest first with filters and a cursor; 404 for an unknown message; 400 naming a bad filter; admin only', async () => {
    await start(() => 200);
    const email = await enqueue({ idempotencyKey: 'e1', channel: 'email', campaignId: 'cmp_email' });
    const sms = await enqueue({ idempotencyKey: 's1', channel: 'sms', profileId: 'prf_other' });
    const [newest, older] = [sms, email];
    // Neither channel is configured here: both are dead at once, saying what to set.
    const shownEmail = await eventually(async () => {
      const response = await admin('GET', `/v1/outbox/${email.id}`);
      expect(response.body.status).toBe('dead');
      return response.body;
    });
    expect(shownEmail.lastError).toBe('the email channel is not configured: set KAIROS_SMTP_URL and KAIROS_EMAIL_FROM');

    const ids = async (query: string) => (await admin('GET', `/v1/outbox${query}`)).body.messages.map((message: { id: string }) => message.id);
    expect(await ids('')).toEqual([newest.id, older.id]);
    const firstPage = await admin('GET', '/v1/outbox?limit=1');
    expect(firstPage.body).toMatchObject({ messages: [{ id: newest.id }], next: newest.id });
    expect(await admin('GET', `/v1/outbox?limit=1&cursor=${firstPage.body.next}`)).toMatchObject({ body: { messages: [{ id: older.id }], next: null } });
    expect(await ids('?channel=email')).toEqual([email.id]);
    expect(await ids('?profileId=prf_other')).toEqual([sms.id]);
    expect(await ids('?campaignId=cmp_email&status=dead')).toEqual([email.id]);
    expect(await ids('?status=pending')).toEqual([]);

    const unknown = await admin('GET', '/v1/outbox/msg_unknown');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'KAIROS_OUTBOX_MESSAGE_NOT_FOUND' } } });
    expect((await admin('POST', '/v1/outbox/msg_unknown/retry')).status).toBe(404);
    for (const [query, field] of [
      ['?limit=501', 'querystring.limit'],
      ['?limit=0', 'querystring.limit'],
      ['?channel=pigeon', 'querystring.channel'],
      ['?status=lost', 'querystring.status'],
      ['?colour=red', 'querystring.colour'],
    ] as const) {
      const response = await admin('GET', `/v1/outbox${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.details[0].field, query).toBe(field);
    }
    expect((await server!.request('GET', '/v1/outbox', { auth: 'none' })).status).toBe(401);
    expect((await server!.request('GET', '/v1/outbox', { auth: 'write' })).status).toBe(403);
    const spec = (await server!.request('GET', '/openapi.json', { auth: 'none' })).body;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/outbox', '/v1/outbox/{id}', '/v1/outbox/{id}/retry', '/v1/stream']));
    expect(spec.paths['/v1/outbox'].get.security).toEqual([{ adminKey: [] }]);
  });
});
