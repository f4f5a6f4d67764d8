import webPush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test-support/http-receiver.js';
import { browserSubscription, decryptPushBody } from '../../test-support/push-browser.js';
import { sampleOutboxMessage } from '../outbox-fixtures.js';
import { PermanentDeliveryError } from './delivery-channel.js';
import { WebPushChannel } from './web-push-channel.js';

const vapid = webPush.generateVAPIDKeys();
const settings = { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@shop.example' };

describe('WebPushChannel against a local push service', () => {
  let pushService: HttpReceiver;
  afterEach(() => pushService.close());

  it('sends an encrypted, VAPID-signed push that the browser can decrypt to the intervention', async () => {
    pushService = await startHttpReceiver(() => 201);
    const browser = browserSubscription(`${pushService.url}/push/device-1`);
    const message = sampleOutboxMessage('msg_1', { channel: 'push', recipient: { userId: 'u1', pushSubscriptions: [browser.subscription] } });
    await new WebPushChannel(settings).send(message, new AbortController().signal);

    const [request] = pushService.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/push/device-1', headers: { 'content-encoding': 'aes128gcm', ttl: '3600' } });
    const authorization = /^vapid t=([^,]+), k=(.+)$/.exec(request!.headers.authorization ?? '');
    expect(authorization?.[2]).toBe(vapid.publicKey);
    const claims = JSON.parse(Buffer.from(authorization![1]!.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ aud: pushService.url, sub: 'mailto:ops@shop.example' });
    expect(request!.body.length).toBeGreaterThan(86);
    expect(JSON.parse(decryptPushBody(request!.body, browser.keys, browser.auth))).toEqual({
      messageId: 'msg_1',
      decisionId: 'dec_1',
      campaignId: 'cmp_1',
      variantId: 'reminder',
      kind: 'convenience',
      channel: 'push',
      content: message.content,
    });
  });

  it('is delivered when one subscription takes it, and dead when every subscription is gone', async () => {
    pushService = await startHttpReceiver((request) => (request.path.includes('gone') ? 410 : 201));
    const live = browserSubscription(`${pushService.url}/push/live`).subscription;
    const gone = browserSubscription(`${pushService.url}/push/gone`).subscription;
    const goneEndpoints: string[] = [];
    const channel = new WebPushChannel(settings, (_message, endpoint) => goneEndpoints.push(endpoint));
    await channel.send(sampleOutboxMessage('msg_1', { recipient: { pushSubscriptions: [gone, live] } }), new AbortController().signal);
    expect(goneEndpoints).toEqual([gone.endpoint]);
    const failure = await channel.send(sampleOutboxMessage('msg_2', { recipient: { pushSubscriptions: [gone] } }), new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentDeliveryError);
    expect((failure as Error).message).toMatch(/^the push subscription at 127\.0\.0\.1:\d+ is gone \(HTTP 410\)$/);
    await expect(channel.send(sampleOutboxMessage('msg_3', { recipient: { userId: 'u1' } }), new AbortController().signal)).rejects.toThrow(
      new PermanentDeliveryError('the recipient has no push subscription'),
    );
  });

  it('retries when the push service is in trouble', async () => {
    pushService = await startHttpReceiver(() => 503);
    const subscription = browserSubscription(`${pushService.url}/push/x`).subscription;
    const failure = await new WebPushChannel(settings).send(sampleOutboxMessage('msg_1', { recipient: { pushSubscriptions: [subscription] } }), new AbortController().signal).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(PermanentDeliveryError);
    expect((failure as Error).message).toMatch(/^the push service 127\.0\.0\.1:\d+ answered HTTP 503$/);
  });
});
