import type { RejectionReason } from './normalize-message.js';

/** What ingestion reports; server/metrics.ts implements it with prom-client, tests with a fake. */
export interface IngestionMetrics {
  accepted(count: number): void;
  duplicates(count: number): void;
  rejected(reason: RejectionReason | 'batch_too_large', count: number): void;
  /** One transaction of the writer (IngestionPipeline): its events and how long its work took. */
  writerSlice(events: number, seconds: number): void;
}

export const noIngestionMetrics: IngestionMetrics = { accepted: () => undefined, duplicates: () => undefined, rejected: () => undefined, writerSlice: () => undefined };
