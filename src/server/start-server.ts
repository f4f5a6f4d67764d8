import { EPP_CHECKPOINT_INTERVAL_MS } from '../models/epp/epp-service.js';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createKairos, type Kairos } from '../app/create-kairos.js';
import type { KairosConfig } from '../config/load-config.js';
import { acquireDataDirLock } from '../storage/data-dir-lock.js';
import type { PrewarmReport } from '../storage/sqlite/store-prewarm.js';
import { loadOrCreateApiKeys } from './api-keys.js';
import type { ApiKeys } from './auth.js';
import { buildApp } from './build-app.js';
import { createServerMetrics } from './metrics.js';

const COUNTER_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface RunningServer {
  app: FastifyInstance;
  kairos: Kairos;
  keys: ApiKeys;
  url: string;
  logger: Logger;
  /** Settles once the store's pages are prewarmed, or why they were not (KAIROS_PREWARM=off, a store too large). */
  prewarmed: Promise<PrewarmReport>;
  /** Stops accepting requests, ends event streams, finishes in-flight requests, sends and queued writes, closes the store. */
  stop(): Promise<void>;
}

export async function startServer(config: KairosConfig, options: { logger?: Logger; onKeysGenerated?: (keys: ApiKeys) => void } = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const releaseLock = acquireDataDirLock(config.dataDir);
  try {
    const { keys, generated } = loadOrCreateApiKeys(config);
    if (generated) options.onKeysGenerated?.(keys);
    const metrics = createServerMetrics();
    const kairos = createKairos(config, {
      metrics: metrics.ingestion,
      outboxMetrics: metrics.outbox,
      logger,
      onListenerError: (listener, error) => {
        metrics.listenerErrors.inc({ listener });
        logger.error({ err: error, listener }, 'ingestion listener failed');
      },
      onTriggeredDecision: (decision, trigger) => metrics.triggeredDecisions.inc({ trigger, outcome: decision.outcome }),
      onTemplateFailure: (campaignId, variantId) => {
        metrics.templateFailures.inc({ campaign: campaignId });
        logger.warn({ campaignId, variantId }, 'a template failed at render; its variant was not shown');
      },
    });
    const folded = await kairos.pipeline.ready;
    if (folded > 0) logger.warn({ events: folded }, 'the last run stopped without saving every profile state; the events after the last saved position were folded into them again from the log');
    await kairos.measurement.load();
    await kairos.bandits.load();
    const app = await buildApp(kairos, { keys, logger, metrics });
    const address = await app.listen({ port: config.port, host: config.host });
    kairos.outboxDispatcher.start();
    // Live counters only ever look back to yesterday's midnight; older buckets are dropped hourly.
    const pruning = setInterval(() => {
      kairos.catalog.pruneCounters().catch((error: unknown) => logger.error({ err: error }, 'pruning product counters failed'));
    }, COUNTER_PRUNE_INTERVAL_MS);
    pruning.unref();
    // Triggers run in the server only: `kairos import` and `replay` load history without messaging anyone.
    kairos.triggers.start();
    // The live learner's weights become a stored version every few minutes (and at shutdown).
    kairos.epp.start(EPP_CHECKPOINT_INTERVAL_MS);
    // Recommendations learn the log's latest events in the background; requests are served meanwhile.
    kairos.recommendationFeed.start().catch((error: unknown) => logger.error({ err: error }, 'warming up the recommendation models failed'));
    const prewarmed = config.prewarm ? kairos.prewarmStore() : Promise.resolve({ structures: [], ms: 0, skipped: 'turned off (KAIROS_PREWARM=off)' });
    prewarmed.then(
      (report) => logger.info(report, report.skipped === undefined ? 'store pages prewarmed' : 'store pages not prewarmed'),
      (error: unknown) => logger.error({ err: error }, 'prewarming the store failed'),
    );
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        clearInterval(pruning);
        // Requests in flight when the server began closing leave keep-alive connections behind that
        // would hold close() open for fastify's 72 s keep-alive timeout; close each once it goes idle.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
        const closing = app.close();
        // Event streams never go idle by themselves: ending them lets their connections be swept too.
        kairos.liveSessions.closeAll();
        await closing.finally(() => clearInterval(sweep));
        await kairos.close();
        releaseLock();
      })());
    return { app, kairos, keys, url: address.replace('0.0.0.0', '127.0.0.1'), logger, prewarmed, stop };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
