import type { SignedWebhookSettings } from '../../config/load-config.js';
import type { Clock } from '../../shared/clock.js';
import type { OutboxMessage } from '../outbox-message.js';
import type { DeliveryChannel } from './delivery-channel.js';
import { postSignedJson } from './signed-json-post.js';

/** Hands the whole message to the retailer's own system, signed like Stripe's webhooks. */
export class WebhookChannel implements DeliveryChannel {
  constructor(
    private readonly target: SignedWebhookSettings,
    private readonly clock: Clock,
  ) {}

  send(message: OutboxMessage, signal: AbortSignal): Promise<void> {
    const { id, idempotencyKey, decisionId, campaignId, variantId, kind, channel, recipient, content, createdAt } = message;
    const payload = { id, idempotencyKey, decisionId, campaignId, variantId, kind, channel, recipient, content, createdAt };
    return postSignedJson(this.target, payload, idempotencyKey, signal, this.clock);
  }
}
