import type { CampaignRegistry } from '../decisions/campaign-registry.js';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { INTERVENTION_CONVERTED_EVENT, INTERVENTION_DELIVERED_EVENT } from '../profiles/engagement.js';
import type { Clock } from '../shared/clock.js';
import { SerialQueue } from '../triggers/serial-queue.js';
import type { BanditContext } from './bandit-context.js';
import type { BanditService, Outcome } from './bandit-service.js';
import type { BanditStore, DecisionKey, LoggedDecision } from './bandit-store.js';

/** How often, at most, deliveries whose window closed are settled with reward 0. */
const SETTLE_EVERY_MS = 60_000;
/**
 * A delivery is settled as not converted this long after its window closed: the conversion that
 * closes a window goes through attribution and ingestion again before the learner sees it.
 */
const SETTLE_GRACE_MS = 10 * 60_000;
const SETTLE_PAGE = 1000;

/**
 * Learns from what happened to deliveries, off the ingestion path: after each committed batch it
 * queues its work (never awaited by ingestion or decisions) — every delivery of a campaign with a goal
 * is logged with its propensity and context, awaiting its reward; an `Intervention Converted` of the
 * treatment arm settles its delivery with reward 1; a delivery whose attribution window closed without
 * one is settled with reward 0. Each settled outcome updates the variant's posterior, stored with the
 * reward in one transaction.
 */
export class BanditLearner {
  private readonly work = new SerialQueue((error) => this.deps.onError(error));
  private lastSettledAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: {
      store: BanditStore;
      bandits: Pick<BanditService, 'learn' | 'load'>;
      registry: Pick<CampaignRegistry, 'campaignGoals'>;
      clock: Clock;
      onError: (error: unknown) => void;
    },
  ) {}

  readonly onBatch = async (batch: IngestedBatch): Promise<void> => {
    const deliveries = batch.events.filter((event) => event.name === INTERVENTION_DELIVERED_EVENT && typeof event.properties.propensity === 'number');
    const conversions = batch.events.filter((event) => event.name === INTERVENTION_CONVERTED_EVENT && event.properties.arm === 'treatment');
    if (deliveries.length > 0 || conversions.length > 0) this.work.push(() => this.record(deliveries, conversions));
    if (this.deps.clock.now() - this.lastSettledAt >= SETTLE_EVERY_MS) {
      this.lastSettledAt = this.deps.clock.now();
      this.work.push(() => this.settleClosedWindows());
    }
  };

  /** Settles now every delivery whose window (and grace) has closed, and resolves when done (tests, shutdown). */
  async settleDue(): Promise<void> {
    this.work.push(() => this.settleClosedWindows());
    await this.work.idle();
  }

  /** Resolves once the work queued so far is done. */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private async record(deliveries: readonly StoredEvent[], conversions: readonly StoredEvent[]): Promise<void> {
    await this.deps.bandits.load();
    const windows = new Map((await this.deps.registry.campaignGoals()).map((goal) => [goal.campaignId, goal.windowMs]));
    const logged = deliveries.flatMap((event) => {
      const decision = loggedDecision(event, windows.get(String(event.properties.campaignId)));
      return decision === undefined ? [] : [decision];
    });
    const keys = conversions.flatMap((event): DecisionKey[] => {
      const { campaignId, decisionId } = event.properties;
      return typeof campaignId === 'string' && typeof decisionId === 'string' ? [{ campaignId, decisionId }] : [];
    });
    const converted = keys.length === 0 ? [] : await this.deps.store.awaiting(keys);
    const posteriors = this.deps.bandits.learn(converted.map((decision) => outcomeOf(decision, 1)));
    await this.deps.store.write({ logged, rewards: converted.map((decision) => ({ ...keyOf(decision), reward: 1 as const })), posteriors });
  }

  private async settleClosedWindows(): Promise<void> {
    await this.deps.bandits.load();
    for (;;) {
      const closed = await this.deps.store.dueBefore(this.deps.clock.now() - SETTLE_GRACE_MS, SETTLE_PAGE);
      if (closed.length === 0) return;
      const posteriors = this.deps.bandits.learn(closed.map((decision) => outcomeOf(decision, 0)));
      await this.deps.store.write({ logged: [], rewards: closed.map((decision) => ({ ...keyOf(decision), reward: 0 as const })), posteriors });
      if (closed.length < SETTLE_PAGE) return;
    }
  }
}

/** The logged decision a delivery event stands for; undefined when its campaign has no goal (no reward is defined). */
function loggedDecision(event: StoredEvent, windowMs: number | undefined): LoggedDecision | undefined {
  const { campaignId, decisionId, variantId, policy, propensity, candidates, context } = event.properties;
  if (windowMs === undefined || typeof campaignId !== 'string' || typeof decisionId !== 'string' || typeof variantId !== 'string') return undefined;
  if (typeof propensity !== 'number' || !(propensity > 0 && propensity <= 1)) return undefined;
  return {
    campaignId,
    decisionId,
    variantId,
    policy: policy === 'bandit' ? 'bandit' : 'weighted',
    propensity,
    candidates: Array.isArray(candidates) ? candidates.filter((candidate): candidate is string => typeof candidate === 'string') : [variantId],
    context: typeof context === 'object' && context !== null && !Array.isArray(context) ? (context as BanditContext) : {},
    deliveredAt: event.timestamp,
    dueAt: event.timestamp + windowMs,
    reward: null,
  };
}

function outcomeOf(decision: LoggedDecision, reward: 0 | 1): Outcome {
  return { campaignId: decision.campaignId, variantId: decision.variantId, context: decision.context, reward };
}

function keyOf(decision: LoggedDecision): DecisionKey {
  return { campaignId: decision.campaignId, decisionId: decision.decisionId };
}
