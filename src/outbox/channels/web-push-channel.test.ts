import { createDecipheriv, createECDH, createHmac, randomBytes, type ECDH } from 'node:crypto';
import webPush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../test-support/http-receiver.js';
import { sampleOutboxMessage } from '../outbox-fixtures.js';
import type { PushSubscription } from '../outbox-message.js';
import { PermanentDeliveryError } from './delivery-channel.js';
import { WebPushChannel } from './web-push-channel.js';

const vapid = webPush.generateVAPIDKeys();
const settings = { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@shop.example' };

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
function browserSubscription(endpoint: string): { subscription: PushSubscription; keys: ECDH; auth: Buffer } {
  const keys = createECDH('prime256v1');
  keys.generateKeys();
  const auth = randomBytes(16);
  return { subscription: { endpoint, keys: { p256dh: keys.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } }, keys, auth };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** What the browser does with an aes128gcm push body (RFC 8291, one record). */
function decryptPushBody(body: Buffer, keys: ECDH, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const sharedSecret = keys.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.getPublicKey(), senderPublicKey, Buffer.from([1])]);
  const inputKey = hmac(hmac(auth, sharedSecret), keyInfo);
  const pseudoRandomKey = hmac(salt, inputKey);
  const contentKey = hmac(pseudoRandomKey, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(pseudoRandomKey, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', contentKey, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
}

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
    const channel = new WebPushChannel(settings);
    await channel.send(sampleOutboxMessage('msg_1', { recipient: { pushSubscriptions: [gone, live] } }), new AbortController().signal);
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
