import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestionMetrics } from '../ingestion/ingestion-metrics.js';
import type { OutboxMetrics } from '../outbox/outbox-metrics.js';

export interface ServerMetrics {
  registry: Registry;
  ingestion: IngestionMetrics;
  ingestDuration: Histogram<'route'>;
  listenerErrors: Counter<'listener'>;
  templateFailures: Counter<'campaign'>;
  triggeredDecisions: Counter<'trigger' | 'outcome'>;
  outbox: OutboxMetrics;
  /** Connects the gauges that are read from the store at scrape time. */
  observeStore(read: { profiles: () => Promise<number>; unsavedProfiles: () => number; storeSizeBytes: () => number; pendingOutboxMessages: () => Promise<number> }): void;
}

/** Prometheus metrics of one server; a registry per instance so tests can run several. */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kairos_' });
  const accepted = new Counter({ name: 'kairos_events_accepted_total', help: 'Events accepted and stored', registers: [registry] });
  const duplicates = new Counter({ name: 'kairos_events_duplicate_total', help: 'Events acknowledged as replays of a stored messageId', registers: [registry] });
  const rejected = new Counter({
    name: 'kairos_events_rejected_total',
    help: 'Events refused, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const ingestDuration = new Histogram({
    name: 'kairos_ingest_request_duration_seconds',
    help: 'Time from request to acknowledgement (after commit) of ingestion requests',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // How the writer slices its work (docs/architecture.md, step 3): too few events a slice means each
  // pays a whole transaction; too long a slice is what reads wait behind.
  const writerSliceEvents = new Histogram({
    name: 'kairos_writer_slice_events',
    help: 'Events committed per writer transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
    registers: [registry],
  });
  const writerSliceSeconds = new Histogram({
    name: 'kairos_writer_slice_seconds',
    help: 'Time the event loop spent on one writer transaction (fold, commit, listeners)',
    buckets: [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256],
    registers: [registry],
  });
  const listenerErrors = new Counter({
    name: 'kairos_listener_errors_total',
    help: 'Ingestion listeners that threw',
    labelNames: ['listener'],
    registers: [registry],
  });
  const templateFailures = new Counter({
    name: 'kairos_template_failures_total',
    help: 'Variants not shown because their template failed at render, by campaign',
    labelNames: ['campaign'],
    registers: [registry],
  });
  const triggeredDecisions = new Counter({
    name: 'kairos_triggered_decisions_total',
    help: 'Decisions made when a trigger fired, by trigger type and outcome (chosen, held_out, or why nothing was sent)',
    labelNames: ['trigger', 'outcome'],
    registers: [registry],
  });
  const outboxSent = new Counter({ name: 'kairos_outbox_sent_total', help: 'Outbox messages delivered, by channel', labelNames: ['channel'], registers: [registry] });
  const outboxFailedAttempts = new Counter({
    name: 'kairos_outbox_failed_attempts_total',
    help: 'Outbox send attempts that failed (retried or dead), by channel',
    labelNames: ['channel'],
    registers: [registry],
  });
  const outboxDead = new Counter({ name: 'kairos_outbox_dead_total', help: 'Outbox messages given up (dead letters), by channel', labelNames: ['channel'], registers: [registry] });
  const outboxDeliverySeconds = new Histogram({
    name: 'kairos_outbox_delivery_seconds',
    help: 'Time from enqueue to delivery of outbox messages, retries included',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [registry],
  });
  return {
    registry,
    ingestDuration,
    listenerErrors,
    templateFailures,
    triggeredDecisions,
    ingestion: {
      accepted: (count) => accepted.inc(count),
      duplicates: (count) => duplicates.inc(count),
      rejected: (reason, count) => rejected.inc({ reason }, count),
      writerSlice: (events, seconds) => {
        writerSliceEvents.observe(events);
        writerSliceSeconds.observe(seconds);
      },
    },
    outbox: {
      sent: (channel, secondsSinceEnqueue) => {
        outboxSent.inc({ channel });
        outboxDeliverySeconds.observe({ channel }, secondsSinceEnqueue);
      },
      failedAttempt: (channel) => outboxFailedAttempts.inc({ channel }),
      dead: (channel) => outboxDead.inc({ channel }),
    },
    observeStore(read) {
      new Gauge({
        name: 'kairos_outbox_pending',
        help: 'Outbox messages waiting to be sent (due or retrying)',
        registers: [registry],
        async collect() {
          this.set(await read.pendingOutboxMessages());
        },
      });
      new Gauge({
        name: 'kairos_profiles',
        help: 'Profiles in the store',
        registers: [registry],
        async collect() {
          this.set(await read.profiles());
        },
      });
      new Gauge({
        name: 'kairos_profiles_unsaved',
        help: 'Profile states changed since they were last saved (held in memory; written behind the event log)',
        registers: [registry],
        collect() {
          this.set(read.unsavedProfiles());
        },
      });
      new Gauge({
        name: 'kairos_store_size_bytes',
        help: 'Bytes of the embedded store on disk (database, WAL)',
        registers: [registry],
        collect() {
          this.set(read.storeSizeBytes());
        },
      });
    },
  };
}
