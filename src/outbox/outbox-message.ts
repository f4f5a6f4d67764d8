import { Type, type Static } from '@sinclair/typebox';
import { DELIVERY_CHANNELS, INTERVENTION_KINDS } from '../campaigns/campaign.js';

/**
 * One message to send, written to the outbox before anything is sent (docs/delivery.md, "The outbox").
 * Times are ISO-8601 strings, as everywhere in the API.
 */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type DeliveryChannelName = (typeof DELIVERY_CHANNELS)[number];

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const PushSubscriptionSchema = Type.Object(
  { endpoint: Type.String({ minLength: 1, maxLength: 2000 }), keys: Type.Object({ p256dh: Text(200), auth: Text(100) }, { additionalProperties: false }) },
  { additionalProperties: false, description: 'A browser PushSubscription as JSON' },
);
export type PushSubscription = Static<typeof PushSubscriptionSchema>;

export const RecipientSchema = Type.Object(
  {
    userId: Type.Optional(Text(256)),
    anonymousId: Type.Optional(Text(256)),
    email: Type.Optional(Text(320)),
    phone: Type.Optional(Text(32)),
    pushSubscriptions: Type.Optional(Type.Array(PushSubscriptionSchema, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type Recipient = Static<typeof RecipientSchema>;

export const OutboxContentSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 2000 })),
    body: Text(20_000),
    cta: Type.Optional(Type.Object({ label: Text(200), url: Text(2000) }, { additionalProperties: false })),
    imageUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, description: 'Rendered content: no templates left' },
);
export type OutboxContent = Static<typeof OutboxContentSchema>;

export const OutboxChannelSchema = Type.Union(DELIVERY_CHANNELS.map((channel) => Type.Literal(channel)));
export const OutboxStatusSchema = Type.Union(OUTBOX_STATUSES.map((status) => Type.Literal(status)));

/** What a producer (a trigger, a test) hands to `OutboxService.enqueue`. */
export const OutboxMessageInputSchema = Type.Object(
  {
    idempotencyKey: Type.String({ minLength: 1, maxLength: 300, description: 'unique: a message with a key already in the outbox is ignored' }),
    decisionId: Text(100),
    profileId: Text(100),
    campaignId: Text(100),
    variantId: Text(100),
    kind: Type.Union(INTERVENTION_KINDS.map((kind) => Type.Literal(kind))),
    channel: OutboxChannelSchema,
    recipient: RecipientSchema,
    content: OutboxContentSchema,
  },
  { additionalProperties: false },
);
export type OutboxMessageInput = Static<typeof OutboxMessageInputSchema>;

export const OutboxMessageSchema = Type.Object({
  id: Type.String({ description: 'msg_…, time-ordered' }),
  ...OutboxMessageInputSchema.properties,
  status: OutboxStatusSchema,
  attempts: Type.Integer({ description: 'attempts since it was enqueued or last retried' }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastError: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type OutboxMessage = Static<typeof OutboxMessageSchema>;

export const OutboxAttemptSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  outcome: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  error: Type.Optional(Type.String()),
  durationMs: Type.Integer({ minimum: 0 }),
});
export type OutboxAttempt = Static<typeof OutboxAttemptSchema>;

/** A message with every attempt made to send it, oldest first (kept across retries). */
export const OutboxMessageDetailSchema = Type.Object({ ...OutboxMessageSchema.properties, attemptHistory: Type.Array(OutboxAttemptSchema) });
export type OutboxMessageDetail = Static<typeof OutboxMessageDetailSchema>;

export const OutboxMessageIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
