import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CampaignService } from '../campaigns/campaign-service.js';
import { SqliteCampaignStore } from '../campaigns/sqlite-campaign-store.js';
import { createLiquidEngine } from '../campaigns/templates/liquid-engine.js';
import { CampaignRegistry } from '../decisions/campaign-registry.js';
import { DecisionEngine } from '../decisions/decision-engine.js';
import { OpenMeteoWeather } from '../decisions/weather/open-meteo-weather.js';
import type { WeatherProvider } from '../decisions/weather/weather.js';
import { CatalogService } from '../catalog/catalog-service.js';
import { SqliteCatalogStore } from '../catalog/sqlite-catalog-store.js';
import type { KairosConfig } from '../config/load-config.js';
import { IdentityResolver } from '../identity/identity-resolver.js';
import { SqliteIdentityStore } from '../identity/sqlite-identity-store.js';
import { EventBus } from '../ingestion/event-bus.js';
import { noIngestionMetrics, type IngestionMetrics } from '../ingestion/ingestion-metrics.js';
import { IngestionPipeline } from '../ingestion/ingestion-pipeline.js';
import { IngestionService } from '../ingestion/ingestion-service.js';
import { SqliteEventStore } from '../ingestion/sqlite-event-store.js';
import type { EppArtifact } from '../models/epp/epp-artifact.js';
import { EppService } from '../models/epp/epp-service.js';
import { SqliteModelStore } from '../models/sqlite-model-store.js';
import { PrivacyService } from '../privacy/privacy-service.js';
import { ProfileService } from '../profiles/profile-service.js';
import { SqliteProfileStore } from '../profiles/sqlite-profile-store.js';
import { WriteBehindProfileStore } from '../profiles/write-behind-profile-store.js';
import { CouponService } from '../coupons/coupon-service.js';
import { CampaignMeasurement } from '../measurement/campaign-measurement.js';
import { SqliteResultsStore } from '../measurement/sqlite-results-store.js';
import { SqliteCouponStore } from '../coupons/sqlite-coupon-store.js';
import { PlacementService } from '../recommendations/placements/placement-service.js';
import { SqlitePlacementStore } from '../recommendations/placements/sqlite-placement-store.js';
import { RetailStoreService } from '../retail-stores/retail-store-service.js';
import { SqliteRetailStoreDirectory } from '../retail-stores/sqlite-retail-store-directory.js';
import { PresenceDetector } from '../triggers/presence-detector.js';
import { SqliteTriggerTimerStore } from '../triggers/sqlite-trigger-timer-store.js';
import { TriggerEngine } from '../triggers/trigger-engine.js';
import type { DeliverySink } from '../triggers/triggered-delivery.js';
import type { TriggeredDecision } from '../decisions/decision-engine.js';
import { buildDeliveryChannels, type DeliveryChannels } from '../outbox/channels/delivery-channels.js';
import { LiveSessionHub } from '../outbox/live-session-hub.js';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { noOutboxMetrics, type OutboxMetrics } from '../outbox/outbox-metrics.js';
import type { OutboxMessage, OutboxMessageInput } from '../outbox/outbox-message.js';
import { PUSH_UNSUBSCRIBED_EVENT } from '../profiles/engagement.js';
import { OutboxService } from '../outbox/outbox-service.js';
import { SqliteOutboxStore } from '../outbox/sqlite-outbox-store.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createTimeOrderedIds } from '../shared/time-ordered-id.js';
import { startBackgroundCheckpointer } from '../storage/sqlite/background-checkpointer.js';
import { prewarmStore, type PrewarmReport } from '../storage/sqlite/store-prewarm.js';
import { openDatabase, type SqliteDatabase } from '../storage/sqlite/open-database.js';
import { SqliteStoreMaintenance } from '../storage/sqlite/sqlite-store-maintenance.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { shopperIdentifiers } from '../shared/shopper-identifiers.js';
import { BanditLearner } from '../bandits/bandit-learner.js';
import { BanditService } from '../bandits/bandit-service.js';
import { PolicyEvaluation } from '../bandits/policy-evaluation.js';
import { SqliteBanditStore } from '../bandits/sqlite-bandit-store.js';
import { servingRecommendationEngine } from '../recommendations/recommendation-engine.js';
import { RecommendationFeed } from '../recommendations/recommendation-feed.js';
import { RecommendationService } from '../recommendations/recommendation-service.js';
import { SearchReranker } from '../search/search-reranker.js';
import { SearchVocabulary } from '../search/search-vocabulary.js';
import { SqliteSearchVocabularyStore } from '../search/sqlite-search-vocabulary-store.js';
import { VocabularyLearner } from '../search/vocabulary-learner.js';

export interface KairosDeps {
  clock?: Clock;
  /** Draws for variant choice; tests fix it. */
  random?: () => number;
  onTemplateFailure?: (campaignId: string, variantId: string) => void;
  /** The weather source of decisions; by default an Open-Meteo-compatible client when KAIROS_WEATHER_URL is set. */
  weather?: WeatherProvider;
  metrics?: IngestionMetrics;
  /** Where triggered interventions go; the outbox by default. */
  deliverySink?: DeliverySink;
  /** Told of every triggered decision. */
  onTriggeredDecision?: (decision: TriggeredDecision, trigger: string) => void;
  outboxMetrics?: OutboxMetrics;
  /** Replaces delivery channels built from the config (tests). */
  channels?: Partial<DeliveryChannels>;
  onListenerError?: (listener: string, error: unknown) => void;
  logger?: Logger;
  /** The purchase model served when the store has none (tests); models/default-epp.json.gz otherwise. */
  eppArtifact?: EppArtifact;
}

/** The running core of Kairos: every service, built from config. Shared by the server and the CLI. */
export interface Kairos {
  config: KairosConfig;
  /** The clock every service was given (routes that show decayed values read now from it). */
  clock: Clock;
  db: SqliteDatabase;
  bus: EventBus;
  ingestion: IngestionService;
  pipeline: IngestionPipeline;
  profiles: ProfileService;
  privacy: PrivacyService;
  catalog: CatalogService;
  campaigns: CampaignService;
  decisions: DecisionEngine;
  retailStores: RetailStoreService;
  coupons: CouponService;
  measurement: CampaignMeasurement;
  /** Early purchase prediction: the scorer in the ingestion path, model versions, the live learner. */
  epp: EppService;
  /** The variant posteriors of campaigns with optimization; load() them before deciding. */
  bandits: BanditService;
  /** Learns from deliveries and conversions after each batch. */
  banditLearner: BanditLearner;
  policyEvaluation: PolicyEvaluation;
  /** Recommendation placements: the named defaults with their overrides, and custom ones. */
  placements: PlacementService;
  /** `POST /v1/recommendations`: the placements' chains over the recommendation engine. */
  recommendations: RecommendationService;
  /** Keeps the recommendation engine learning: the server starts it (warm-up from the log, then the bus). */
  recommendationFeed: RecommendationFeed;
  triggers: TriggerEngine;
  presence: PresenceDetector;
  outbox: OutboxService;
  /** Sends the outbox; the server starts it, close() stops it. */
  outboxDispatcher: OutboxDispatcher;
  /** The shoppers' open event streams (web, app and kiosk delivery). */
  liveSessions: LiveSessionHub;
  /** Search personalization: the vocabulary learned from searches and the choices after them, and the re-ranker. */
  search: { vocabulary: SearchVocabulary; learner: VocabularyLearner; reranker: SearchReranker };
  maintenance: SqliteStoreMaintenance;
  /**
   * Maps the pages of identities and profile states into memory a chunk at a time, so a fresh
   * server's first decisions are as quick as a warm one's; the server starts it, close() stops it.
   */
  prewarmStore(): Promise<PrewarmReport>;
  stores: {
    events: SqliteEventStore;
    /** The states as readers see them: the writer's unflushed ones over the store's. */
    profiles: WriteBehindProfileStore;
    identities: SqliteIdentityStore;
    catalog: SqliteCatalogStore;
    campaigns: SqliteCampaignStore;
    retailStores: SqliteRetailStoreDirectory;
    timers: SqliteTriggerTimerStore;
    coupons: SqliteCouponStore;
    results: SqliteResultsStore;
    outbox: SqliteOutboxStore;
    models: SqliteModelStore;
    bandits: SqliteBanditStore;
    searchVocabulary: SqliteSearchVocabularyStore;
    placements: SqlitePlacementStore;
  };
  /** Ends the live streams, finishes the sends in flight and queued writes, closes the store. */
  close(): Promise<void>;
}

export const DATABASE_FILE = 'kairos.db';

/** The composition root: the one place that decides which adapter backs which store. */
export function createKairos(config: KairosConfig, deps: KairosDeps = {}): Kairos {
  const clock = deps.clock ?? systemClock;
  const databasePath = join(config.dataDir, DATABASE_FILE);
  const db = openDatabase({ path: databasePath, synchronous: config.synchronous });
  const checkpointer = startBackgroundCheckpointer(databasePath, (message) => deps.logger?.warn({ message }, 'WAL checkpoint failed; will retry'));
  const transactions = new SqliteTransactionRunner(db);
  const stores = {
    events: new SqliteEventStore(db),
    profiles: new WriteBehindProfileStore(new SqliteProfileStore(db)),
    identities: new SqliteIdentityStore(db),
    catalog: new SqliteCatalogStore(db),
    campaigns: new SqliteCampaignStore(db),
    retailStores: new SqliteRetailStoreDirectory(db),
    timers: new SqliteTriggerTimerStore(db),
    coupons: new SqliteCouponStore(db),
    results: new SqliteResultsStore(db),
    outbox: new SqliteOutboxStore(db),
    models: new SqliteModelStore(db),
    bandits: new SqliteBanditStore(db),
    searchVocabulary: new SqliteSearchVocabularyStore(db),
    placements: new SqlitePlacementStore(db),
  };
  const maintenance = new SqliteStoreMaintenance(db);
  const closing = new AbortController();
  const resolver = new IdentityResolver(stores.identities, {
    maxProfilesPerIdentifier: config.identity.maxProfilesPerIdentifier,
    blockedValues: config.identity.blockedValues,
    cacheSize: config.profileCacheSize * 2,
    newProfileId: createTimeOrderedIds('prf_'),
  });
  const bus = new EventBus(deps.onListenerError ?? ((name, error) => deps.logger?.error({ err: error, listener: name }, 'ingestion listener failed')));
  const catalog = new CatalogService({ store: stores.catalog, transactions, clock, timeZone: config.timeZone });
  const epp = new EppService({
    store: stores.models,
    clock,
    ...(deps.eppArtifact ? { fallback: deps.eppArtifact } : {}),
    onError: (error, what) => deps.logger?.error({ err: error }, `${what} failed`),
  });
  const ingestionMetrics = deps.metrics ?? noIngestionMetrics;
  const pipeline = new IngestionPipeline({
    events: stores.events,
    identities: stores.identities,
    profiles: stores.profiles,
    resolver,
    productActivity: catalog,
    derivedCounts: CampaignMeasurement.countsWriter(stores.results),
    sessionScorer: epp.scorer,
    transactions,
    bus,
    profileCacheSize: config.profileCacheSize,
    sliceMs: config.writeSliceMs,
    metrics: ingestionMetrics,
    flush: config.profileFlush,
    onFlushError: (error) => deps.logger?.error({ err: error }, 'saving profile states failed; they stay in memory and the next round tries again'),
  });
  const ingestion = new IngestionService({ pipeline, clock, metrics: ingestionMetrics });
  const profiles = new ProfileService({
    profiles: stores.profiles,
    identities: stores.identities,
    events: stores.events,
    resolver,
    clock,
    recentStates: (profileId) => pipeline.cachedProfile(profileId),
  });
  const privacy = new PrivacyService({
    profileService: profiles,
    profiles: stores.profiles,
    identities: stores.identities,
    events: stores.events,
    outbox: stores.outbox,
    resolver,
    pipeline,
    ingestion,
    transactions,
    maintenance,
    clock,
  });
  const liquid = createLiquidEngine();
  const registry = new CampaignRegistry(stores.campaigns, liquid);
  const campaigns = new CampaignService({
    store: stores.campaigns,
    clock,
    liquid,
    newCampaignId: createTimeOrderedIds('cmp_'),
    onChange: () => registry.refresh(),
  });
  const coupons = new CouponService({ store: stores.coupons, clock, ingestion });
  const measurement = new CampaignMeasurement({ registry, results: stores.results, ingestion, clock, onError: (error) => deps.logger?.error({ err: error }, 'campaign measurement failed') });
  const bandits = new BanditService({ store: stores.bandits });
  const banditLearner = new BanditLearner({ store: stores.bandits, bandits, registry, clock, onError: (error) => deps.logger?.error({ err: error }, 'bandit learning failed') });
  const policyEvaluation = new PolicyEvaluation({ store: stores.bandits, campaigns, bandits, clock });
  const placements = new PlacementService({ store: stores.placements, clock });
  const recommendationEngine = servingRecommendationEngine();
  const recommendationFeed = new RecommendationFeed({
    engine: recommendationEngine,
    events: stores.events,
    catalog: stores.catalog,
    warmUpEvents: config.recommendations.warmUpEvents,
    bus,
    catalogChanges: catalog,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const recommendations = new RecommendationService({
    engine: recommendationEngine,
    placements,
    profiles,
    catalog: stores.catalog,
    clock,
    warming: () => recommendationFeed.isWarming,
  });
  const decisions = new DecisionEngine({
    registry,
    bandit: bandits,
    coupons,
    recommendations,
    expectedValue: (campaignId) => measurement.expectedValue(campaignId),
    profiles,
    catalog,
    events: stores.events,
    ingestion,
    liquid,
    settings: config.decisions,
    defaultTimeZone: config.timeZone,
    clock,
    random: deps.random ?? Math.random,
    newDecisionId: createTimeOrderedIds('dec_'),
    ...(deps.weather ? { weather: deps.weather } : {}),
    ...(!deps.weather && config.decisions.weatherUrl
      ? {
          weather: new OpenMeteoWeather({
            urlTemplate: config.decisions.weatherUrl,
            clock,
            onError: (message) => deps.logger?.warn({ message }, 'weather lookup failed; decisions go on without weather'),
          }),
        }
      : {}),
    ...(deps.onTemplateFailure ? { onTemplateFailure: deps.onTemplateFailure } : {}),
    onRecordError: (error) => deps.logger?.error({ err: error }, 'recording a decision in the history failed'),
  });
  const liveSessions = new LiveSessionHub();
  const outboxDispatcher = new OutboxDispatcher({
    store: stores.outbox,
    channels: { ...buildDeliveryChannels(config.delivery, liveSessions, clock, forgetPushSubscription(ingestion, deps.logger)), ...deps.channels },
    ingestion,
    settings: config.delivery.outbox,
    clock,
    random: deps.random ?? Math.random,
    metrics: deps.outboxMetrics ?? noOutboxMetrics,
    onError: (what, error) => deps.logger?.error({ err: error }, what),
  });
  const outbox = new OutboxService({ store: stores.outbox, clock, newMessageId: createTimeOrderedIds('msg_'), dispatcher: outboxDispatcher });
  const retailStores = new RetailStoreService({ directory: stores.retailStores, clock });
  const presence = new PresenceDetector({ stores: retailStores, ingestion, onError: (error) => deps.logger?.error({ err: error }, 'store presence failed') });
  const triggers = new TriggerEngine({
    registry,
    decisions,
    timers: stores.timers,
    transactions,
    profiles: stores.profiles,
    identities: stores.identities,
    stores: retailStores,
    sink: deps.deliverySink ?? outboxSink(outbox),
    clock,
    defaultTimeZone: config.timeZone,
    ...(deps.onTriggeredDecision ? { onDecision: deps.onTriggeredDecision } : {}),
    onError: (error, what) => deps.logger?.error({ err: error }, `${what} failed`),
  });
  const searchVocabulary = new SearchVocabulary({ store: stores.searchVocabulary });
  const search = {
    vocabulary: searchVocabulary,
    learner: new VocabularyLearner({ vocabulary: searchVocabulary, catalog: stores.catalog, onError: (error) => deps.logger?.error({ err: error }, 'learning the search vocabulary failed') }),
    reranker: new SearchReranker({ profiles, catalog: stores.catalog, vocabulary: searchVocabulary, clock }),
  };
  bus.subscribe('measurement', measurement.onBatch);
  bus.subscribe('bandits', banditLearner.onBatch);
  bus.subscribe('presence', presence.onBatch);
  bus.subscribe('triggers', triggers.onBatch);
  bus.subscribe('search-vocabulary', search.learner.onBatch);
  return {
    config,
    clock,
    db,
    bus,
    ingestion,
    pipeline,
    profiles,
    privacy,
    catalog,
    campaigns,
    decisions,
    retailStores,
    coupons,
    measurement,
    epp,
    bandits,
    banditLearner,
    policyEvaluation,
    placements,
    recommendations,
    recommendationFeed,
    triggers,
    presence,
    outbox,
    outboxDispatcher,
    liveSessions,
    search,
    maintenance,
    prewarmStore: () => prewarmStore(db, { signal: closing.signal }),
    stores,
    async close() {
      closing.abort();
      await triggers.stop();
      await decisions.idle();
      await presence.idle();
      await measurement.idle();
      await banditLearner.idle();
      liveSessions.closeAll();
      await outboxDispatcher.stop();
      await pipeline.close();
      // After the pipeline: its last batches reach the learner on the bus.
      await search.learner.idle();
      await epp.stop();
      await checkpointer.stop();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** A push subscription the push service says is gone is removed from the profile, through its history. */
function forgetPushSubscription(ingestion: IngestionService, logger: Logger | undefined): (message: OutboxMessage, endpoint: string) => void {
  return (message, endpoint) => {
    const shopper = shopperIdentifiers(message.recipient);
    if (Object.keys(shopper).length === 0) return;
    ingestion
      .ingest([
        {
          type: 'track',
          event: PUSH_UNSUBSCRIBED_EVENT,
          ...shopper,
          messageId: `${message.id}:gone:${createHash('sha1').update(endpoint).digest('hex').slice(0, 16)}`,
          properties: { endpoint, reason: 'the push service answered that the subscription is gone' },
        },
      ])
      .catch((error: unknown) => logger?.error({ err: error }, 'forgetting a gone push subscription failed'));
  };
}

/** Triggered interventions go to the outbox; a key already there means this firing was delivered before. */
function outboxSink(outbox: OutboxService): DeliverySink {
  return {
    async deliver(delivery) {
      const { kind, channel, ...rest } = delivery;
      const added = await outbox.enqueue([{ ...rest, kind: kind as OutboxMessageInput['kind'], channel: channel as OutboxMessageInput['channel'] }]);
      return added.length === 1;
    },
  };
}
