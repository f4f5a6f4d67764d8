import type { OutboxMessage, OutboxMessageInput } from './outbox-message.js';

/** An outbox message input as a trigger would write it, for tests. */
export function sampleOutboxInput(overrides: Partial<OutboxMessageInput> = {}): OutboxMessageInput {
  return {
    idempotencyKey: 'trigger:cmp_1:prf_1:1',
    decisionId: 'dec_1',
    profileId: 'prf_1',
    campaignId: 'cmp_1',
    variantId: 'reminder',
    kind: 'convenience',
    channel: 'webhook',
    recipient: { userId: 'sarah-1', anonymousId: 'anon-1', email: 'sarah@example.com', phone: '+31612345678' },
    content: { title: 'Still thinking it over?', body: 'Your basket is waiting.', cta: { label: 'Back to basket', url: 'https://shop.example.com/cart' } },
    ...overrides,
  };
}

/** A stored outbox message, pending and due at its creation time. */
export function sampleOutboxMessage(id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id,
    ...sampleOutboxInput({ idempotencyKey: `key-${id}` }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-11-23T10:00:00.000Z',
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}
