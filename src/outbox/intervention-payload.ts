import type { OutboxMessage } from './outbox-message.js';

/** What a shopper's page or device receives: enough to render the intervention and report on it. */
export function interventionPayload(message: OutboxMessage) {
  const { id: messageId, decisionId, campaignId, variantId, kind, channel, content } = message;
  return { messageId, decisionId, campaignId, variantId, kind, channel, content };
}
