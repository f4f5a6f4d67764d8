import webPush from 'web-push';
import type { OutboxMessage, PushSubscription } from '../outbox-message.js';
import { interventionPayload } from '../intervention-payload.js';
import { httpFailure, PermanentDeliveryError, unreachable, type DeliveryChannel } from './delivery-channel.js';

/** An intervention is about now: a push service keeps it at most an hour for a device that is offline. */
const TIME_TO_LIVE_SECONDS = 3600;

/**
 * Web Push to each of the recipient's subscriptions. web-push encrypts the payload (aes128gcm) and signs
 * the VAPID header; the request itself goes out with fetch so the attempt's signal can abort it.
 * Delivered when one subscription took it; permanent when every subscription is gone (404/410: the
 * browser unsubscribed) or there are none; otherwise retried.
 */
export class WebPushChannel implements DeliveryChannel {
  constructor(
    private readonly vapid: { vapidPublicKey: string; vapidPrivateKey: string; subject: string },
    /** Told of a subscription the push service says is gone, so the profile can forget it. */
    private readonly onSubscriptionGone: (message: OutboxMessage, endpoint: string) => void = () => {},
  ) {}

  async send(message: OutboxMessage, signal: AbortSignal): Promise<void> {
    const subscriptions = message.recipient.pushSubscriptions ?? [];
    if (subscriptions.length === 0) throw new PermanentDeliveryError('the recipient has no push subscription');
    const payload = JSON.stringify(interventionPayload(message));
    const results = await Promise.allSettled(subscriptions.map((subscription) => this.push(message, subscription, payload, signal)));
    if (results.some((result) => result.status === 'fulfilled')) return;
    const failures = results.map((result) => (result as PromiseRejectedResult).reason as Error);
    const reasons = failures.map((failure) => failure.message).join('; ');
    if (failures.every((failure) => failure instanceof PermanentDeliveryError)) throw new PermanentDeliveryError(reasons);
    throw new Error(reasons);
  }

  private async push(message: OutboxMessage, subscription: PushSubscription, payload: string, signal: AbortSignal): Promise<void> {
    const request = webPush.generateRequestDetails(subscription, payload, {
      vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.vapidPublicKey, privateKey: this.vapid.vapidPrivateKey },
      TTL: TIME_TO_LIVE_SECONDS,
      contentEncoding: 'aes128gcm',
    });
    const service = new URL(request.endpoint).host;
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        ...(request.body ? { body: new Uint8Array(request.body) } : {}),
        signal,
      });
    } catch (error) {
      throw unreachable(`the push service ${service}`, error);
    }
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) {
      this.onSubscriptionGone(message, subscription.endpoint);
      throw new PermanentDeliveryError(`the push subscription at ${service} is gone (HTTP ${response.status})`);
    }
    if (!response.ok) throw httpFailure(response.status, `the push service ${service}`);
  }
}
