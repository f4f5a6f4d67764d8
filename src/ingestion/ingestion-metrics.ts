import type { RejectionReason } from './normalize-message.js';

/** What ingestion reports; server/metrics.ts implements it with prom-client, tests with a fake. */
export interface IngestionMetrics {
  accepted(count: number): void;
  duplicates(count: number): void;
  rejected(reason: RejectionReason | 'batch_too_large', count: number): void;
}

export const noIngestionMetrics: IngestionMetrics = { accepted: () => undefined, duplicates: () => undefined, rejected: () => undefined };
