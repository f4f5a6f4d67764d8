import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { startHttpReceiver, type HttpReceiver } from '../../test-support/http-receiver.js';
import { sampleOutboxMessage } from '../outbox-fixtures.js';
import { PermanentDeliveryError } from './delivery-channel.js';
import { SmsWebhookChannel } from './sms-webhook-channel.js';
import { WebhookChannel } from './webhook-channel.js';
import { verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_0123456789abcdef';
const clock = new ManualClock(Date.parse('2026-11-23T10:00:00.000Z'));
const nowSeconds = Math.floor(clock.now() / 1000);
const signal = () => new AbortController().signal;

describe('signed webhook channels', () => {
  let receiver: HttpReceiver;
  afterEach(() => receiver.close());

  it('POSTs the message as JSON with a verifiable signature and its idempotency key', async () => {
    receiver = await startHttpReceiver();
    const message = sampleOutboxMessage('msg_1');
    await new WebhookChannel({ url: `${receiver.url}/hooks/kairos`, secret: SECRET }, clock).send(message, signal());

    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/kairos', headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey } });
    const body = request!.body.toString('utf8');
    expect(request!.headers['kairos-signature']).toMatch(new RegExp(`^t=${nowSeconds},v1=[0-9a-f]{64}$`));
    expect(verifyWebhookSignature(SECRET, request!.headers['kairos-signature'] as string, body, 300, nowSeconds)).toBe(true);
    const { id, idempotencyKey, decisionId, campaignId, variantId, kind, channel, recipient, content, createdAt } = message;
    expect(JSON.parse(body)).toEqual({ id, idempotencyKey, decisionId, campaignId, variantId, kind, channel, recipient, content, createdAt });
  });

  it('sends an SMS as {to, body, idempotencyKey} with the content as text, signed with its own secret', async () => {
    receiver = await startHttpReceiver();
    const message = sampleOutboxMessage('msg_1', { channel: 'sms' });
    await new SmsWebhookChannel({ url: receiver.url, secret: 'smssec_0123456789abcdef' }, clock).send(message, signal());
    const body = receiver.requests[0]!.body.toString('utf8');
    expect(JSON.parse(body)).toEqual({
      to: '+31612345678',
      body: 'Still thinking it over?\n\nYour basket is waiting.\n\nBack to basket: https://shop.example.com/cart',
      idempotencyKey: message.idempotencyKey,
    });
    expect(verifyWebhookSignature('smssec_0123456789abcdef', receiver.requests[0]!.headers['kairos-signature'] as string, body, 300, nowSeconds)).toBe(true);
    expect(verifyWebhookSignature(SECRET, receiver.requests[0]!.headers['kairos-signature'] as string, body, 300, nowSeconds)).toBe(false);
  });

  it('fails an SMS for good when the recipient has no phone, sending nothing', async () => {
    receiver = await startHttpReceiver();
    const sending = new SmsWebhookChannel({ url: receiver.url, secret: SECRET }, clock).send(sampleOutboxMessage('msg_1', { recipient: { userId: 'u1' } }), signal());
    await expect(sending).rejects.toThrow(PermanentDeliveryError);
    await expect(sending).rejects.toThrow('the recipient has no phone number');
    expect(receiver.requests).toEqual([]);
  });

  it.each([
    [500, false],
    [503, false],
    [408, false],
    [429, false],
    [400, true],
    [401, true],
    [404, true],
  ])('treats HTTP %i as a failure, permanent: %s', async (status, permanent) => {
    receiver = await startHttpReceiver(() => status);
    const failure = await new WebhookChannel({ url: receiver.url, secret: SECRET }, clock).send(sampleOutboxMessage('msg_1'), signal()).catch((error: unknown) => error);
    expect((failure as Error).message).toBe(`${new URL(receiver.url).host} answered HTTP ${status}`);
    expect(failure instanceof PermanentDeliveryError).toBe(permanent);
  });

  it('reports a receiver that is not there, and one that is too slow, as retryable', async () => {
    receiver = await startHttpReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 2000)));
    const slow = new AbortController();
    setTimeout(() => slow.abort(new Error('timed out after 100 ms')), 100);
    const timedOut = await new WebhookChannel({ url: receiver.url, secret: SECRET }, clock).send(sampleOutboxMessage('msg_1'), slow.signal).catch((error: unknown) => error);
    expect((timedOut as Error).message).toMatch(/^could not reach 127\.0\.0\.1:\d+: timed out after 100 ms$/);
    const gone = await startHttpReceiver();
    await gone.close();
    const down = await new WebhookChannel({ url: gone.url, secret: SECRET }, clock).send(sampleOutboxMessage('msg_1'), signal()).catch((error: unknown) => error);
    expect((down as Error).message).toMatch(/^could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(down).not.toBeInstanceOf(PermanentDeliveryError);
  });
});
