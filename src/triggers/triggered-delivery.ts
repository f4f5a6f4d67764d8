import type { Intervention } from '../decisions/decide-request.js';

/** Who a pushed intervention goes to, from the profile's identifiers and traits. */
export interface DeliveryRecipient {
  userId?: string;
  anonymousId?: string;
  email?: string;
  phone?: string;
  pushSubscriptions?: Array<{ endpoint: string; keys: { p256dh: string; auth: string } }>;
}

/** An intervention a trigger chose, ready for the outbox. */
export interface TriggeredDelivery {
  /** The firing's key: a second delivery with the same key is not sent. */
  idempotencyKey: string;
  decisionId: string;
  profileId: string;
  campaignId: string;
  variantId: string;
  kind: string;
  channel: string;
  recipient: DeliveryRecipient;
  content: Intervention['content'];
}

/**
 * Where triggered interventions go (the outbox). `deliver` must write within the call when the adapter
 * is SQLite, so a timer's claim and its delivery commit together; it returns false for a key it has
 * already taken.
 */
export interface DeliverySink {
  deliver(delivery: TriggeredDelivery): Promise<boolean>;
}
