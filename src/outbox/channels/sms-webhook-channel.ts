import type { SignedWebhookSettings } from '../../config/load-config.js';
import type { Clock } from '../../shared/clock.js';
import type { OutboxMessage } from '../outbox-message.js';
import { contentAsText } from './content-text.js';
import { PermanentDeliveryError, type DeliveryChannel } from './delivery-channel.js';
import { postSignedJson } from './signed-json-post.js';

/** Text messages through the SMS provider's webhook (or a small relay to it): `{to, body, idempotencyKey}`, signed. */
export class SmsWebhookChannel implements DeliveryChannel {
  constructor(
    private readonly target: SignedWebhookSettings,
    private readonly clock: Clock,
  ) {}

  send(message: OutboxMessage, signal: AbortSignal): Promise<void> {
    const to = message.recipient.phone;
    if (!to) return Promise.reject(new PermanentDeliveryError('the recipient has no phone number'));
    return postSignedJson(this.target, { to, body: contentAsText(message.content), idempotencyKey: message.idempotencyKey }, message.idempotencyKey, signal, this.clock);
  }
}
