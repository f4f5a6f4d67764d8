import { LRUCache } from 'lru-cache';
import type { CampaignRegistry, CompiledCampaign } from '../decisions/campaign-registry.js';
import type { DecisionEngine, TriggeredDecision } from '../decisions/decision-engine.js';
import type { StoreFacts } from '../decisions/decision-values.js';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { Channel } from '../ingestion/kairos-event.js';
import type { ProfileState } from '../profiles/profile-state.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { IdentityStore } from '../identity/identity-store.js';
import { isOpenAt } from '../retail-stores/opening-hours.js';
import type { RetailStoreService } from '../retail-stores/retail-store-service.js';
import type { Clock } from '../shared/clock.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import { SerialQueue } from './serial-queue.js';
import type { DeliveryRecipient, DeliverySink } from './triggered-delivery.js';
import { localTimeTimer, matchTriggers, type Firing } from './trigger-matching.js';
import type { TriggerTimer } from './trigger-timer.js';
import type { TriggerTimerStore } from './trigger-timer-store.js';
import { shopperIdentifiers, type ShopperIdentifiers } from '../shared/shopper-identifiers.js';

/** A product page counts as still open while the page sent something (a heartbeat) this recently. */
export const PAGE_ALIVE_MS = 45_000;
/** Timers claimed per pass; a backlog after downtime is worked through pass after pass. */
const TIMERS_PER_PASS = 200;
/** The longest sleep between timer passes, so a timer scheduled by another process is not missed for long. */
const MAX_TIMER_SLEEP_MS = 60_000;
/** Profiles read per step of a local-time sweep, so firing other triggers is not held up for long. */
const SWEEP_PAGE = 500;
/** Firings already decided, remembered so an in-session trigger is not re-decided on every event. */
const DECIDED_FIRINGS = 100_000;

export interface TriggerEngineDeps {
  registry: Pick<CampaignRegistry, 'triggered'>;
  decisions: Pick<DecisionEngine, 'decideTriggered' | 'recordTriggered'>;
  timers: TriggerTimerStore;
  transactions: TransactionRunner;
  profiles: Pick<ProfileStore, 'load' | 'scan'>;
  /** For timers scheduled without an event (the sweep): who the profile is to the outside. */
  identities: Pick<IdentityStore, 'identitiesOf'>;
  stores: Pick<RetailStoreService, 'all'>;
  sink: DeliverySink;
  clock: Clock;
  defaultTimeZone: string;
  /** Told of every triggered decision (metrics, tests). */
  onDecision?: (decision: TriggeredDecision, trigger: string) => void;
  onError: (error: unknown, what: string) => void;
}

/**
 * Evaluates every committed event against the active campaigns' triggers, off the ingestion path:
 * the bus listener only snapshots the batch and queues it, and one worker decides in order (so caps
 * see the previous delivery). Timers are checked when the next one is due. A chosen intervention is
 * handed to the delivery sink (the outbox) and then recorded in the profile's history; for a timer,
 * the claim and the delivery are one transaction, so it fires exactly once across restarts.
 */
export class TriggerEngine {
  private readonly work = new SerialQueue((error) => this.deps.onError(error, 'trigger work'));
  private readonly decided = new LRUCache<string, true>({ max: DECIDED_FIRINGS });
  /** Local-time campaigns (id@version) whose customers have all been scheduled since the start. */
  private readonly swept = new Set<string>();
  /** Per profile, the recording of its latest delivery while it is in flight. */
  private readonly recording = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly deps: TriggerEngineDeps) {}

  /**
   * The EventBus listener: cheap, never waits for a decision. Only a started engine (the server)
   * listens: history loaded by `kairos import` or `replay` must not message anyone.
   */
  readonly onBatch = async (batch: IngestedBatch): Promise<void> => {
    if (this.stopped) return;
    const campaigns = await this.deps.registry.triggered();
    if (campaigns.length === 0) return;
    // Matching reads the writer's live states while the writer waits for its listeners; the decisions
    // later read the committed state from the store, so nothing here is copied.
    const { firings, timers } = matchTriggers({ events: batch.events, states: batch.profiles, campaigns, now: this.deps.clock.now(), defaultTimeZone: this.deps.defaultTimeZone });
    if (firings.length === 0 && timers.length === 0) return;
    this.work.push(async () => {
      // Through the runner, so these writes never land inside (and roll back with) another's transaction.
      await this.deps.transactions.run(async () => {
        for (const change of timers) {
          if (change.op === 'cancel') await this.deps.timers.cancel(change.profileId, change.kind);
          else await this.deps.timers[change.op](change.timer);
        }
      });
      if (timers.length > 0) this.wakeTimersSoon();
      for (const firing of firings) await this.fire(firing);
    });
  };

  start(): void {
    this.stopped = false;
    this.wakeTimersSoon();
  }

  /** Stops the timer loop and waits for the work already queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.idle();
  }

  /** Resolves when everything queued so far has been decided and recorded (tests, shutdown). */
  async idle(): Promise<void> {
    await this.work.idle();
    await Promise.all(this.recording.values());
  }

  /** Fires the timers that are due now and waits for them (after a clock was moved, in tests and tools). */
  async checkTimers(): Promise<void> {
    this.work.push(() => this.runDueTimers(true));
    await this.idle();
  }

  private async fire(firing: Firing): Promise<void> {
    if (this.decided.has(firing.key)) return;
    // Decide on the committed state, once the profile's earlier deliveries are in it (for its caps).
    await this.recording.get(firing.profileId);
    const state = (await this.deps.profiles.load([firing.profileId])).get(firing.profileId);
    if (state === undefined) return; // merged into another profile since: its events fire there
    const store = firing.storeId === undefined ? undefined : await this.storeFacts(firing.storeId, state);
    const shopper = shopperIdentifiers(firing.event);
    const decision = await this.deps.decisions.decideTriggered({
      compiled: firing.compiled,
      state,
      ...shopper,
      channel: firing.event.channel,
      productId: firing.productId,
      event: firing.event,
      store,
    });
    if (decision.outcome === 'trigger_not_matched') return;
    this.decided.set(firing.key, true);
    await this.complete(decision, firing.compiled, state, shopper, firing.event.channel, firing.key, undefined);
  }

  /** Delivers (atomically with the timer's claim, when there is one) and records what was decided. */
  private async complete(
    decision: TriggeredDecision,
    compiled: CompiledCampaign,
    state: ProfileState,
    shopper: ShopperIdentifiers,
    channel: Channel,
    key: string,
    timerKey: string | undefined,
  ): Promise<void> {
    const { intervention } = decision;
    const fresh = await this.deps.transactions.run(async () => {
      if (timerKey !== undefined && !(await this.deps.timers.claim(timerKey))) return false;
      if (intervention === undefined) return true;
      return this.deps.sink.deliver({
        idempotencyKey: key,
        decisionId: decision.decisionId,
        profileId: state.id,
        campaignId: decision.campaignId,
        variantId: intervention.variantId,
        kind: intervention.kind,
        channel: intervention.channel,
        recipient: recipientOf(state, shopper),
        content: intervention.content,
      });
    });
    if (!fresh) return;
    this.deps.onDecision?.(decision, compiled.campaign.trigger.type);
    if (intervention === undefined && decision.outcome !== 'held_out') return;
    // Recorded off the queue, so the next firing (for another shopper) does not wait for a commit;
    // a firing for this shopper waits for it in fire().
    const recorded = this.deps.decisions
      .recordTriggered(decision, shopper, channel, key, compiled.campaign.trigger.type)
      .catch((error: unknown) => this.deps.onError(error, 'recording a triggered decision'))
      .finally(() => {
        if (this.recording.get(state.id) === recorded) this.recording.delete(state.id);
      });
    this.recording.set(state.id, recorded);
  }

  private wakeTimersSoon(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.work.push(() => this.runDueTimers()), 0);
  }

  private async runDueTimers(evenWhenStopped = false): Promise<void> {
    if (this.stopped && !evenWhenStopped) return;
    await this.startSweeps();
    const due = await this.deps.timers.due(this.deps.clock.now(), TIMERS_PER_PASS);
    for (const timer of due) await this.fireTimer(timer);
    if (this.stopped) return;
    // The next pass is scheduled by the clock's time; a test's manual clock calls checkTimers instead.
    const next = due.length === TIMERS_PER_PASS ? this.deps.clock.now() : await this.deps.timers.nextDueAt();
    const sleep = next === undefined ? MAX_TIMER_SLEEP_MS : Math.min(Math.max(next - this.deps.clock.now(), 0), MAX_TIMER_SLEEP_MS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.work.push(() => this.runDueTimers()), sleep);
  }

  /**
   * A local-time campaign that became active reaches every customer, not only those seen since: its
   * first timer pass walks all profiles, a page per queued job, and schedules each one's next moment.
   */
  private async startSweeps(): Promise<void> {
    for (const compiled of await this.deps.registry.triggered()) {
      const mark = `${compiled.campaign.id}@${compiled.campaign.version}`;
      if (compiled.campaign.trigger.type !== 'local_time' || this.swept.has(mark)) continue;
      this.swept.add(mark);
      this.work.push(() => this.sweepPage(compiled, undefined));
    }
  }

  private async sweepPage(compiled: CompiledCampaign, afterId: string | undefined): Promise<void> {
    const page = await this.deps.profiles.scan(afterId, SWEEP_PAGE);
    if (page.length === 0) return;
    const now = this.deps.clock.now();
    const timers = page.flatMap((state) => localTimeTimer(compiled, state, now, this.deps.defaultTimeZone, { channel: 'web' }) ?? []);
    if (timers.length > 0) {
      await this.deps.transactions.run(async () => {
        for (const timer of timers) await this.deps.timers.scheduleOnce(timer);
      });
      this.wakeTimersSoon();
    }
    if (!this.stopped) this.work.push(() => this.sweepPage(compiled, page[page.length - 1]!.id));
  }

  /** userId, else anonymousId, of a profile: for timers scheduled by a sweep, which had no event to take them from. */
  private async shopperOfProfile(profileId: string): Promise<ShopperIdentifiers> {
    const identities = await this.deps.identities.identitiesOf(profileId);
    const userId = identities.find((identity) => identity.type === 'userId')?.value;
    if (userId !== undefined) return { userId };
    const anonymousId = identities.find((identity) => identity.type === 'anonymousId')?.value;
    return anonymousId === undefined ? {} : { anonymousId };
  }

  private async fireTimer(timer: TriggerTimer): Promise<void> {
    await this.recording.get(timer.profileId);
    const compiled = (await this.deps.registry.triggered()).find((candidate) => candidate.campaign.id === timer.campaignId);
    const state = (await this.deps.profiles.load([timer.profileId])).get(timer.profileId);
    const stillHolds = compiled !== undefined && state !== undefined && this.timerStillHolds(timer, state);
    if (!stillHolds) {
      // The campaign ended, the profile merged away, or the shopper moved on: the timer is spent.
      await this.deps.transactions.run(() => this.deps.timers.claim(timer.key));
      return;
    }
    const { payload } = timer;
    const fromPayload = shopperIdentifiers(payload);
    const shopper = Object.keys(fromPayload).length > 0 ? fromPayload : await this.shopperOfProfile(timer.profileId);
    const channel = payload.channel as Channel;
    const decision = await this.deps.decisions.decideTriggered({ compiled, state, ...shopper, channel, productId: payload.productId });
    // A dwell fires once per session; other timers once per key.
    const key = timer.kind === 'dwell' ? `dwell:${timer.campaignId}:${payload.sessionId}` : timer.key;
    await this.complete(decision, compiled, state, shopper, channel, key, timer.key);
  }

  /** Whether what the timer waited for is still so when it fires. */
  private timerStillHolds(timer: TriggerTimer, state: ProfileState): boolean {
    const { payload } = timer;
    const session = state.sessions[payload.channel as Channel];
    switch (timer.kind) {
      case 'dwell':
        // Still on the same product page (no add to cart, no other page since), and the page still open.
        return session !== undefined && session.id === payload.sessionId && session.openProductViewAt === payload.viewedAt && this.deps.clock.now() - session.lastEventAt <= PAGE_ALIVE_MS;
      case 'cart_abandonment':
        return (session?.cartValue ?? 0) > 0 && (state.lifetime.lastOrderAt ?? 0) < (payload.cartChangedAt ?? 0);
      case 'local_time':
        return true;
    }
  }

  private async storeFacts(storeId: string, state: ProfileState): Promise<StoreFacts | undefined> {
    const store = (await this.deps.stores.all()).find((candidate) => candidate.id === storeId);
    if (store === undefined) return undefined;
    const facts: StoreFacts = { id: store.id, name: store.name, pickupsWaiting: (state.pickups ?? []).filter((pickup) => pickup.storeId === storeId).length };
    if (store.pickupPoint !== undefined) facts.pickupPoint = store.pickupPoint;
    const open = isOpenAt(store, this.deps.clock.now(), this.deps.defaultTimeZone);
    if (open !== undefined) facts.open = open;
    return facts;
  }
}

/** Where a pushed message can reach the customer: identifiers, and the email, phone and push subscriptions the profile holds. */
function recipientOf(state: ProfileState, shopper: ShopperIdentifiers): DeliveryRecipient {
  const recipient: DeliveryRecipient = { ...shopper };
  const email = state.traits.email;
  const phone = state.traits.phone;
  if (typeof email === 'string') recipient.email = email;
  if (typeof phone === 'string') recipient.phone = phone;
  if (state.pushSubscriptions?.length) recipient.pushSubscriptions = state.pushSubscriptions.map(({ endpoint, keys }) => ({ endpoint, keys }));
  return recipient;
}

