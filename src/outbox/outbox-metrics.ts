import type { DeliveryChannelName } from './outbox-message.js';

/** What the outbox reports; server/metrics.ts implements it with prom-client, tests with a fake. */
export interface OutboxMetrics {
  /** A message was delivered, `secondsSinceEnqueue` after it was written to the outbox. */
  sent(channel: DeliveryChannelName, secondsSinceEnqueue: number): void;
  failedAttempt(channel: DeliveryChannelName): void;
  dead(channel: DeliveryChannelName): void;
}

export const noOutboxMetrics: OutboxMetrics = { sent: () => undefined, failedAttempt: () => undefined, dead: () => undefined };
