import type { ErrorDetail } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { IngestionMetrics } from './ingestion-metrics.js';
import type { IngestionPipeline } from './ingestion-pipeline.js';
import type { EventType, JsonObject, KairosEvent } from './kairos-event.js';
import { normalizeMessage } from './normalize-message.js';

export interface IngestOutcome {
  /** Messages accepted: stored now or replays of stored ones. */
  accepted: number;
  duplicates: number;
  /** One entry per problem of a refused message, with its index in the request. */
  rejected: ErrorDetail[];
  rejectedMessages: number;
}

export interface IngestOptions {
  /** The endpoint's type for single-message routes; batch messages carry their own. */
  routeType?: EventType;
  batchSentAt?: unknown;
  batchContext?: JsonObject;
  /** The caller already checked each message against the per-event size limit. */
  sizeChecked?: boolean;
  receivedAt?: number;
}

/**
 * The one entrance for events, shared by the HTTP routes and the CLI (import, replay): validates and
 * normalises each message, keeps the valid ones and reports the others, and answers once the valid
 * ones are committed.
 */
export class IngestionService {
  constructor(
    private readonly deps: { pipeline: IngestionPipeline; clock: Clock; metrics: IngestionMetrics },
  ) {}

  async ingest(messages: readonly unknown[], options: IngestOptions = {}): Promise<IngestOutcome> {
    const receivedAt = options.receivedAt ?? this.deps.clock.now();
    const valid: KairosEvent[] = [];
    const rejected: ErrorDetail[] = [];
    let rejectedMessages = 0;
    for (let index = 0; index < messages.length; index++) {
      const result = normalizeMessage(messages[index], {
        receivedAt,
        routeType: options.routeType,
        batchSentAt: options.batchSentAt,
        batchContext: options.batchContext,
        sizeChecked: options.sizeChecked,
      });
      if (result.ok) {
        valid.push(result.event);
      } else {
        rejectedMessages++;
        this.deps.metrics.rejected(result.reason, 1);
        for (const error of result.errors) rejected.push({ index, ...error });
      }
    }
    const { stored, duplicates } = await this.deps.pipeline.submit(valid);
    this.deps.metrics.accepted(stored);
    this.deps.metrics.duplicates(duplicates);
    return { accepted: stored + duplicates, duplicates, rejected, rejectedMessages };
  }
}
