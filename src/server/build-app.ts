import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Kairos } from '../app/create-kairos.js';
import { registerCampaignRoutes } from '../campaigns/campaign-routes.js';
import { registerCatalogRoutes } from '../catalog/catalog-routes.js';
import { registerDecisionRoutes } from '../decisions/decision-routes.js';
import { MAX_BATCH_BYTES } from '../ingestion/ingestion-limits.js';
import { registerIngestionRoutes } from '../ingestion/ingestion-routes.js';
import { registerOutboxRoutes } from '../outbox/outbox-routes.js';
import { registerStreamRoutes } from '../outbox/stream-routes.js';
import { registerPrivacyRoutes } from '../privacy/privacy-routes.js';
import { registerProfileRoutes } from '../profiles/profile-routes.js';
import { registerCouponRoutes } from '../coupons/coupon-routes.js';
import { registerResultsRoutes } from '../measurement/results-routes.js';
import { registerModelRoutes } from '../models/model-routes.js';
import { registerPolicyEvaluationRoutes } from '../bandits/policy-evaluation-routes.js';
import { registerPlacementRoutes } from '../recommendations/placements/placement-routes.js';
import { registerRetailStoreRoutes } from '../retail-stores/retail-store-routes.js';
import { registerSdkAssetRoutes } from '../sdk-assets/sdk-asset-routes.js';
import { registerSearchRoutes } from '../search/search-routes.js';
import { authorize, type ApiKeys } from './auth.js';
import { registerRecommendationRoutes } from '../recommendations/recommendation-routes.js';
import { registerCors } from './cors.js';
import { LazyRequestLogger } from './lazy-request-logger.js';
import { registerErrorHandler } from './error-handler.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import type { ServerMetrics } from './metrics.js';
import './route-access.js';

export interface AppOptions {
  keys: ApiKeys;
  logger: Logger;
  metrics: ServerMetrics;
}

/** The HTTP API over a running Kairos core. Routes live with their domains; this wires them up. */
export async function buildApp(kairos: Kairos, options: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: MAX_BATCH_BYTES,
    // No log line per request: ingestion is the hot path; metrics carry the request counts and latencies.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: LazyRequestLogger.factory,
    return503OnClosing: true,
    ajv: { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false } },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kairos API', version: '0.1.0', description: 'Real-time personalization for retailers. Ingestion is compatible with the Segment HTTP Tracking API.' },
      components: {
        securitySchemes: {
          writeKey: { type: 'http', scheme: 'basic', description: 'The write key as the user name, empty password (as Segment)' },
          adminKey: { type: 'http', scheme: 'bearer', description: 'The admin key' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: string } | undefined)?.access;
      const security: Array<Record<string, string[]>> =
        access === 'write' ? [{ writeKey: [] }, { adminKey: [] }] : access === 'admin' ? [{ adminKey: [] }] : [];
      return { schema: { ...schema, security }, url };
    },
  });
  registerCors(app);
  registerJsonBodyParser(app);
  registerErrorHandler(app);

  // Callback-style hooks: they run on every ingestion request, and an async hook costs a promise each.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.is404) return done();
    try {
      authorize(request, request.routeOptions.config.access ?? 'admin', options.keys);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions; // a getter that builds a new object each time
    if (route.config.access === 'write') options.metrics.ingestDuration.observe({ route: route.url ?? 'unknown' }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()),
  );
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  registerIngestionRoutes(app, { ingestion: kairos.ingestion });
  registerProfileRoutes(app, { profiles: kairos.profiles });
  registerPrivacyRoutes(app, { privacy: kairos.privacy });
  registerCatalogRoutes(app, { catalog: kairos.catalog });
  registerCampaignRoutes(app, { campaigns: kairos.campaigns });
  registerResultsRoutes(app, { campaigns: kairos.campaigns, measurement: kairos.measurement });
  registerPolicyEvaluationRoutes(app, { evaluation: kairos.policyEvaluation });
  registerDecisionRoutes(app, { decisions: kairos.decisions });
  registerRetailStoreRoutes(app, { stores: kairos.retailStores });
  registerCouponRoutes(app, { coupons: kairos.coupons });
  registerSdkAssetRoutes(app, { catalog: kairos.catalog, writeKey: options.keys.writeKey });
  registerOutboxRoutes(app, { outbox: kairos.outbox });
  registerStreamRoutes(app, { hub: kairos.liveSessions, profiles: kairos.profiles });
  registerModelRoutes(app, { epp: kairos.epp });
  registerSearchRoutes(app, { reranker: kairos.search.reranker, vocabulary: kairos.search.vocabulary, clock: kairos.clock });
  registerPlacementRoutes(app, { placements: kairos.placements });
  registerRecommendationRoutes(app, { recommendations: kairos.recommendations });

  options.metrics.observeStore({
    profiles: () => kairos.stores.profiles.count(),
    unsavedProfiles: () => kairos.stores.profiles.heldCount,
    storeSizeBytes: () => kairos.maintenance.sizeBytes(),
    pendingOutboxMessages: async () => (await kairos.stores.outbox.countByStatus()).pending,
  });
  return app;
}
