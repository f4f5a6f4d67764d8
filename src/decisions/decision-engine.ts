import type { Liquid } from 'liquidjs';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { ProductView } from '../catalog/product.js';
import type { DecisionSettings } from '../config/load-config.js';
import { identifiersOf } from '../identity/request-identifiers.js';
import type { EventStore } from '../ingestion/event-store.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { Channel, StoredEvent } from '../ingestion/kairos-event.js';
import { INTERVENTION_DELIVERED_EVENT, INTERVENTION_HELD_OUT_EVENT } from '../profiles/engagement.js';
import { SESSION_TIMEOUT_MS } from '../profiles/feature-constants.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { RecommendationService } from '../recommendations/recommendation-service.js';
import type { DeliveryRecord, ProfileState, SessionState } from '../profiles/profile-state.js';
import type { Clock } from '../shared/clock.js';
import { Errors, KairosError } from '../shared/errors.js';
import { parseDuration, type CountQuery } from '../campaigns/conditions/condition.js';
import type { ConditionContext } from '../campaigns/conditions/compile-condition.js';
import { localTime } from '../profiles/profile-view.js';
import type { CouponService } from '../coupons/coupon-service.js';
import type { CampaignRegistry, CompiledCampaign, CompiledVariant } from './campaign-registry.js';
import type { Considered, DecideRequest, DecideResponse, Intervention } from './decide-request.js';
import { decisionValues, type StoreFacts, withoutEmpty } from './decision-values.js';
import { campaignCapReached, consentAllows, deliveriesToday, holdoutShare, inQuietHours, suppression } from './delivery-rules.js';
import { renderVariant } from './render-variant.js';
import type { Weather, WeatherProvider } from './weather/weather.js';
import { banditContext, type BanditContext } from '../bandits/bandit-context.js';
import type { BanditService } from '../bandits/bandit-service.js';
import { chooseVariant, type VariantChoice } from './variant-choice.js';
import { shopperIdentifiers, type ShopperIdentifiers } from '../shared/shopper-identifiers.js';

export interface DecisionEngineDeps {
  registry: CampaignRegistry;
  profiles: Pick<ProfileService, 'findState'>;
  catalog: Pick<CatalogService, 'getProductView'>;
  events: Pick<EventStore, 'namedSince'>;
  ingestion: Pick<IngestionService, 'ingest'>;
  liquid: Liquid;
  settings: DecisionSettings;
  defaultTimeZone: string;
  clock: Clock;
  random: () => number;
  newDecisionId: () => string;
  /** What showing a campaign is worth per exposure (measured); breaks ties of priority. Equal for all when absent. */
  expectedValue?: (campaignId: string) => number;
  /** Chooses among the variants of campaigns with `optimization`, in their propensity band (src/bandits/). */
  bandit?: Pick<BanditService, 'choose'>;
  /** Single-use coupon codes for variants that quote `{{ coupon.code }}`. */
  coupons?: Pick<CouponService, 'couponFor'>;
  /** The products of variants with a recommendation block (`{% for item in recommendations %}`). */
  recommendations?: Pick<RecommendationService, 'recommend'>;
  /** The weather at the shopper's location, when a provider is configured. */
  weather?: WeatherProvider;
  /** Told when the record of a delivered decision could not be written (the response had gone already). */
  onRecordError?: (error: unknown) => void;
  /** Told when a variant's template fails at render (it is then not eligible); counted in /metrics. */
  onTemplateFailure?: (campaignId: string, variantId: string) => void;
}

/** What judging a campaign for one shopper needs: the same for every campaign of a decision. */
interface Judging {
  channel: Channel;
  state: ProfileState | undefined;
  /** The profile's recent deliveries, with those answered but not yet recorded. */
  deliveries: readonly DeliveryRecord[];
  values: Record<string, unknown>;
  now: number;
  shopperKey: string;
  /** What audience conditions read. */
  conditions: ConditionContext;
  /** Minutes into the shopper's local day, for quiet hours. */
  localMinute: number | undefined;
}

/** An intervention chosen, with how its variant was chosen (logged on its delivery event). */
interface Chosen {
  intervention: Intervention;
  choice: VariantChoice;
}

/** A campaign that may speak, with the variants that passed every check but the render. */
interface Eligible {
  compiled: CompiledCampaign;
  variants: CompiledVariant[];
  /** Why the other variants could not be used. */
  problems: string[];
}

/**
 * Decides the next best action for a placement (pull): every active placement campaign is checked —
 * placement and channel, schedule, audience, suppression, holdout, its caps, then each variant's
 * consent, quiet hours, channel cap and a render in which every fact must be true — and the eligible
 * ones are arbitrated by priority within the global daily cap. What was delivered and who was held out
 * is written to the profile's history as events, which the caps read on the next decision.
 */
export class DecisionEngine {
  /**
   * Deliveries answered but not yet committed to the history, by shopper: the caps count them, so a
   * second request that arrives before the first one's record is stored cannot pass a cap twice.
   */
  private readonly pending = new Map<string, DeliveryRecord[]>();
  private readonly recording = new Set<Promise<void>>();

  constructor(private readonly deps: DecisionEngineDeps) {}

  /** Resolves once every decision answered so far is recorded in the history (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.recording.size > 0) await Promise.all(this.recording);
  }

  async decide(request: DecideRequest): Promise<DecideResponse> {
    const identifiers = identifiersOf(request);
    if (identifiers.length === 0) throw Errors.invalidRequest([{ field: 'userId', problem: 'either userId or anonymousId is required' }]);
    const now = this.deps.clock.now();
    const channel: Channel = request.channel ?? 'web';
    const [state, product] = await Promise.all([this.deps.profiles.findState(identifiers), this.productInContext(request)]);
    const values = decisionValues({ state, request, channel, product, now, defaultTimeZone: this.deps.defaultTimeZone, weather: this.weatherFor(request, state) });
    const shopperKey = request.userId ?? request.anonymousId!;
    const deliveries = this.withPending(state?.deliveries, shopperKey);

    // Why each campaign did or did not speak, only when asked: a note and its text for each of a
    // hundred campaigns were a sixth of what a decision allocated, and so of its collections.
    const considered: Considered[] | undefined = request.explain ? [] : undefined;
    const candidates: CompiledCampaign[] = [];
    for (const compiled of await this.deps.registry.active()) {
      const mismatch = placementMismatch(compiled, request, channel, now);
      if (mismatch === undefined) candidates.push(compiled);
      else considered?.push(note(compiled, mismatch.reason, mismatch.detail));
    }
    const countEvents = await this.eventCounter(candidates, state, channel, now);

    // One shopper, many campaigns: what judging needs is built once, not once per campaign.
    const judging: Judging = { channel, state, deliveries, values, now, shopperKey, conditions: { now, values, countEvents }, localMinute: localMinuteOf(values) };
    const eligible: Eligible[] = [];
    const heldOut: string[] = [];
    for (const compiled of candidates) {
      const verdict = this.judge(compiled, judging);
      if (verdict === 'held_out') {
        heldOut.push(compiled.campaign.id);
        considered?.push(note(compiled, 'held_out', `in the ${compiled.campaign.holdoutPercent}% holdout`));
      } else if ('reason' in verdict) {
        considered?.push(note(compiled, verdict.reason, verdict.detail));
      } else {
        eligible.push(verdict);
      }
    }

    const chosen = await this.arbitrate(eligible, values, deliveries, now, request.limit ?? 1, considered, request.preview === true, state);
    const decisionId = this.deps.newDecisionId();
    if (!request.preview) this.recordAfterAnswer(shopperKey, decisionId, request, channel, chosen, heldOut, now);
    const response: DecideResponse = { decisionId, profileId: state?.id ?? null, interventions: chosen.map((one) => one.intervention), heldOut };
    if (considered) response.why = considered.sort((a, b) => b.priority - a.priority || a.campaignId.localeCompare(b.campaignId));
    return response;
  }

  /**
   * Decides for one campaign whose trigger fired (an event, a timer, a store visit): the same checks
   * as a placement decision — schedule, the trigger's condition, audience, holdout, caps, consent,
   * quiet hours, suppression, a truthful render — without writing anything. The caller records it
   * (`recordTriggered`) once it has made the delivery durable, so a firing is never recorded twice.
   */
  async decideTriggered(input: TriggeredDecisionInput): Promise<TriggeredDecision> {
    const { compiled, state } = input;
    const now = this.deps.clock.now();
    const decisionId = this.deps.newDecisionId();
    const decided = (outcome: string, detail?: string, chosen?: Chosen, why?: Considered): TriggeredDecision => {
      const decision: TriggeredDecision = { decisionId, profileId: state.id, campaignId: compiled.campaign.id, outcome, why: [why ?? note(compiled, outcome, detail)] };
      if (chosen) {
        decision.intervention = chosen.intervention;
        decision.choice = chosen.choice;
      }
      return decision;
    };
    if (outsideSchedule(compiled, now)) return decided('outside_schedule');
    if (compiled.campaign.channels !== undefined && !compiled.campaign.channels.includes(input.channel)) return decided('other_channel');

    const request: DecideRequest = { channel: input.channel, ...shopperIdentifiers(input) };
    if (input.productId !== undefined) request.context = { product: { id: input.productId } };
    const product = await this.productInContext(request);
    const values = decisionValues({
      state,
      request,
      channel: input.channel,
      product,
      now,
      defaultTimeZone: this.deps.defaultTimeZone,
      weather: this.weatherFor(request, state),
      ...(input.event ? { event: eventValues(input.event) } : {}),
      ...(input.store ? { store: input.store } : {}),
    });
    const countEvents = await this.eventCounter([compiled], state, input.channel, now);
    const conditions = { now, values, countEvents };
    if (compiled.triggerWhen && !compiled.triggerWhen(conditions)) return decided('trigger_not_matched');

    const shopperKey = input.userId ?? input.anonymousId ?? state.id;
    const deliveries = state.deliveries ?? [];
    const verdict = this.judge(compiled, { channel: input.channel, state, deliveries, values, now, shopperKey, conditions, localMinute: localMinuteOf(values) });
    if (verdict === 'held_out') return decided('held_out', `in the ${compiled.campaign.holdoutPercent}% holdout`);
    if ('reason' in verdict) return decided(verdict.reason, verdict.detail);
    const considered: Considered[] = [];
    const [chosen] = await this.arbitrate([verdict], values, deliveries, now, 1, considered, false, state);
    const outcome = considered[0]!;
    return decided(outcome.outcome, outcome.detail, chosen, outcome);
  }

  /**
   * Answers first, records after: the delivery is counted for this shopper's caps at once, and
   * written to the history through ingestion without holding the response.
   */
  private recordAfterAnswer(shopperKey: string, decisionId: string, request: DecideRequest, channel: Channel, chosen: Chosen[], heldOut: string[], now: number): void {
    if (chosen.length === 0 && heldOut.length === 0) return;
    const answered: DeliveryRecord[] = chosen.map(({ intervention }) => ({ campaignId: intervention.campaignId, channel: intervention.channel, at: now, decisionId, variantId: intervention.variantId }));
    const pending = this.pending.get(shopperKey) ?? [];
    pending.push(...answered);
    this.pending.set(shopperKey, pending);
    const recorded = this.record(decisionId, decisionId, request, channel, chosen, heldOut, { placement: request.placement })
      .catch((error: unknown) => this.deps.onRecordError?.(error))
      .finally(() => {
        const left = (this.pending.get(shopperKey) ?? []).filter((delivery) => !answered.includes(delivery));
        if (left.length === 0) this.pending.delete(shopperKey);
        else this.pending.set(shopperKey, left);
        this.recording.delete(recorded);
      });
    this.recording.add(recorded);
  }

  private withPending(recorded: readonly DeliveryRecord[] | undefined, shopperKey: string): readonly DeliveryRecord[] {
    const pending = this.pending.get(shopperKey);
    return pending === undefined ? (recorded ?? []) : [...(recorded ?? []), ...pending];
  }

  /** Writes a triggered decision to the profile's history; `key` names the firing, so a retry is stored once. */
  async recordTriggered(decision: TriggeredDecision, shopper: ShopperIdentifiers, channel: Channel, key: string, trigger: string): Promise<void> {
    const chosen = decision.intervention && decision.choice ? [{ intervention: decision.intervention, choice: decision.choice }] : [];
    const heldOut = decision.outcome === 'held_out' ? [decision.campaignId] : [];
    await this.record(key, decision.decisionId, shopper, channel, chosen, heldOut, { trigger });
  }

  /** Audience, holdout, caps and variants of a campaign that fits the placement. */
  private judge(compiled: CompiledCampaign, input: Judging): Eligible | 'held_out' | { reason: string; detail?: string } {
    const { campaign } = compiled;
    const { state, values, now } = input;
    if (compiled.audience && !compiled.audience(input.conditions)) return NOT_IN_AUDIENCE;
    if (holdoutShare(input.shopperKey, campaign.id) < campaign.holdoutPercent) return 'held_out';
    const capped = campaignCapReached(compiled, input.deliveries, now);
    if (capped !== undefined) return { reason: 'campaign_cap', detail: capped };

    const { localMinute } = input;
    const variants: CompiledVariant[] = [];
    const problems: string[] = [];
    for (const variant of compiled.variants) {
      const { id, kind, channel: deliveryChannel } = variant.variant;
      const suppressed = suppression(kind, values);
      if (suppressed !== undefined) problems.push(`${id}: suppressed (${suppressed})`);
      else if (!consentAllows(state, deliveryChannel)) problems.push(`${id}: no consent for ${deliveryChannel}`);
      else if (inQuietHours(deliveryChannel, localMinute, this.deps.settings)) problems.push(`${id}: quiet hours for ${deliveryChannel}`);
      else variants.push(variant);
    }
    if (variants.length === 0) return { reason: 'no_eligible_variant', detail: problems.join('; ') };
    return { compiled, variants, problems };
  }

  /**
   * Priority first, within the global and per-channel daily caps. Templates are rendered only here, in
   * that order, and only until enough interventions are found: a weighted draw among the campaign's
   * open variants, drawing again if the drawn one cannot be rendered truthfully.
   */
  private async arbitrate(
    eligible: Eligible[],
    values: Record<string, unknown>,
    deliveries: readonly DeliveryRecord[],
    now: number,
    limit: number,
    /** Where the notes of why go; undefined when nobody asked. */
    considered: Considered[] | undefined,
    preview: boolean,
    state: ProfileState | undefined,
  ): Promise<Chosen[]> {
    const worth = new Map(eligible.map((candidate) => [candidate.compiled.campaign.id, this.deps.expectedValue?.(candidate.compiled.campaign.id) ?? 0]));
    eligible.sort(
      (a, b) =>
        b.compiled.campaign.priority - a.compiled.campaign.priority ||
        worth.get(b.compiled.campaign.id)! - worth.get(a.compiled.campaign.id)! ||
        a.compiled.campaign.id.localeCompare(b.compiled.campaign.id),
    );
    const today = deliveriesToday(deliveries, now);
    const context = banditContext(values);
    const chosen: Chosen[] = [];
    for (const candidate of eligible) {
      if (chosen.length >= limit) {
        considered?.push(note(candidate.compiled, 'outranked', `${limit} intervention(s) asked for`));
        continue;
      }
      if (today.total >= this.deps.settings.globalDailyCap) {
        considered?.push(note(candidate.compiled, 'global_cap', `${this.deps.settings.globalDailyCap} interventions in the last 24 hours over all channels`));
        continue;
      }
      const open = candidate.variants.filter((variant) => {
        const cap = this.deps.settings.channelDailyCaps[variant.variant.channel];
        return cap === undefined || (today.byChannel.get(variant.variant.channel) ?? 0) < cap;
      });
      if (open.length === 0) {
        considered?.push(note(candidate.compiled, 'channel_cap', 'every variant’s channel reached its daily cap'));
        continue;
      }
      const rendered = await this.drawAndRender(candidate, open, values, context, state, preview);
      if (rendered === undefined) {
        considered?.push(note(candidate.compiled, 'no_eligible_variant', candidate.problems.join('; ')));
        continue;
      }
      const { choice } = rendered;
      const { variant } = choice.variant;
      const intervention: Intervention = { campaignId: candidate.compiled.campaign.id, variantId: variant.id, kind: variant.kind, channel: variant.channel, content: rendered.content };
      if (rendered.expiresAt !== undefined) intervention.expiresAt = rendered.expiresAt;
      chosen.push({ intervention, choice });
      today.total++;
      today.byChannel.set(variant.channel, (today.byChannel.get(variant.channel) ?? 0) + 1);
      if (considered === undefined) continue;
      const how = choice.policy === 'bandit' ? 'chosen by the bandit' : 'drawn';
      const chosenNote = note(candidate.compiled, 'chosen', `variant ${variant.id} ${how} from ${choice.candidates.length}`);
      if (this.deps.expectedValue) chosenNote.expectedValue = Math.round(worth.get(candidate.compiled.campaign.id)! * 1e4) / 1e4;
      if (choice.scores) chosenNote.variantScores = choice.scores;
      considered.push(chosenNote);
    }
    return chosen;
  }

  private async drawAndRender(
    candidate: Eligible,
    open: CompiledVariant[],
    values: Record<string, unknown>,
    context: BanditContext,
    state: ProfileState | undefined,
    preview: boolean,
  ): Promise<{ choice: VariantChoice; content: Intervention['content']; expiresAt?: string } | undefined> {
    const remaining = [...open];
    while (remaining.length > 0) {
      // Drawn again among the rest when the drawn one cannot be rendered: the logged propensity is
      // the final draw's, among the variants that were still possible.
      const choice = chooseVariant(candidate.compiled.campaign, remaining, context, this.deps.random, this.deps.bandit);
      const drawn = choice.variant;
      const withCoupon = drawn.variant.coupon === undefined ? values : await this.withCoupon(drawn.variant.coupon.pool, values, state?.id, preview);
      if (withCoupon === undefined) {
        candidate.problems.push(`${drawn.variant.id}: no code of coupon pool ${drawn.variant.coupon!.pool} to give`);
        remaining.splice(remaining.indexOf(drawn), 1);
        continue;
      }
      const block = drawn.variant.recommendations;
      const withItems = block === undefined ? withCoupon : await this.withRecommendations(block, withCoupon, state);
      if (withItems === undefined) {
        candidate.problems.push(`${drawn.variant.id}: placement ${block!.placement} has no products to recommend`);
        remaining.splice(remaining.indexOf(drawn), 1);
        continue;
      }
      const offer = drawn.variant.offer === undefined ? undefined : this.offerFacts(drawn.variant.offer.validFor, values);
      const rendered = renderVariant(this.deps.liquid, drawn, offer === undefined ? withItems : { ...withItems, offer }, this.deps.settings.lowStockThreshold);
      if (rendered.ok) return { choice, content: rendered.content, ...(offer ? { expiresAt: offer.expiresAt } : {}) };
      if (rendered.reason === 'template_failed') this.deps.onTemplateFailure?.(candidate.compiled.campaign.id, drawn.variant.id);
      candidate.problems.push(`${drawn.variant.id}: ${rendered.reason} (${rendered.detail})`);
      remaining.splice(remaining.indexOf(drawn), 1);
    }
    return undefined;
  }

  /** A time-limited offer's deadline as templates quote it: minutes left, and the time it ends on the shopper's clock. */
  private offerFacts(validFor: string, values: Record<string, unknown>): { expiresAt: string; minutesLeft: number; until?: string } {
    const validMs = parseDuration(validFor)!;
    const expiresAt = this.deps.clock.now() + validMs;
    const timeZone = (values.context as { timeZone?: string } | undefined)?.timeZone ?? this.deps.defaultTimeZone;
    const until = localTime(timeZone, expiresAt)?.time;
    return { expiresAt: new Date(expiresAt).toISOString(), minutesLeft: Math.round(validMs / 60_000), ...(until !== undefined ? { until } : {}) };
  }

  /** The values with the customer's code of the pool as `coupon`; undefined when there is none to give. */
  private async withCoupon(pool: string, values: Record<string, unknown>, profileId: string | undefined, preview: boolean): Promise<Record<string, unknown> | undefined> {
    const now = this.deps.clock.now();
    const coupon = await this.deps.coupons?.couponFor(pool, profileId, preview, now);
    if (coupon === undefined) return undefined;
    return { ...values, coupon: { code: coupon.code, expiresAt: new Date(coupon.expiresAt).toISOString(), validDays: Math.floor((coupon.expiresAt - now) / 86_400_000) } };
  }

  /**
   * The values with the placement's products as `recommendations` (those the catalog knows: a template
   * quotes their names and prices); undefined when there are none, so the variant is not eligible.
   */
  private async withRecommendations(
    block: { placement: string; count?: number | undefined },
    values: Record<string, unknown>,
    state: ProfileState | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    const productId = (values.product as { id?: string } | undefined)?.id;
    const request = { placement: block.placement, count: block.count ?? RECOMMENDATION_BLOCK_SIZE, ...(productId !== undefined ? { context: { product: { id: productId } } } : {}) };
    const answer = await this.deps.recommendations?.recommend(request, state ?? null);
    const items = (answer?.items ?? []).flatMap((item) =>
      item.product ? [withoutEmpty({ id: item.productId, name: item.product.name, brand: item.product.brand, price: item.product.price, currency: item.product.currency, imageUrl: item.product.imageUrl, reason: item.reason })] : [],
    );
    return items.length === 0 ? undefined : { ...values, recommendations: items };
  }

  /**
   * Deliveries and holdouts go into the profile's history through the ingestion path, like any event.
   * Their messageIds derive from `key` (the decision id, or a trigger's firing key), so a decision
   * recorded twice is stored once.
   */
  private async record(
    key: string,
    decisionId: string,
    shopper: { userId?: string | undefined; anonymousId?: string | undefined },
    channel: Channel,
    chosen: Chosen[],
    heldOut: string[],
    origin: { placement?: string | undefined; trigger?: string | undefined },
  ): Promise<void> {
    const base = { type: 'track', ...shopperIdentifiers(shopper) };
    const context = { channel };
    const messages = [
      ...chosen.map(({ intervention, choice }) => ({
        ...base,
        event: INTERVENTION_DELIVERED_EVENT,
        messageId: `${key}:${intervention.campaignId}`,
        properties: {
          decisionId,
          campaignId: intervention.campaignId,
          variantId: intervention.variantId,
          kind: intervention.kind,
          channel: intervention.channel,
          ...(intervention.expiresAt !== undefined ? { expiresAt: intervention.expiresAt } : {}),
          ...origin,
          // What off-policy evaluation needs (docs/bandits.md): how the variant was chosen, with what probability, among which, in what context.
          policy: choice.policy,
          propensity: choice.propensity,
          candidates: choice.candidates,
          context: choice.context,
        },
        context,
      })),
      ...heldOut.map((campaignId) => ({
        ...base,
        event: INTERVENTION_HELD_OUT_EVENT,
        messageId: `${key}:${campaignId}`,
        properties: { decisionId, campaignId, ...origin },
        context,
      })),
    ];
    if (messages.length === 0) return;
    const outcome = await this.deps.ingestion.ingest(messages);
    if (outcome.rejected.length > 0) throw new KairosError('KAIROS_INTERNAL', 500, `decision events were refused: ${JSON.stringify(outcome.rejected[0])}`);
  }

  /**
   * Counts for the candidates' `count` conditions: a plain count over the live session from the
   * session's own tally; the others from the events they ask about, fetched once.
   */
  private async eventCounter(candidates: readonly CompiledCampaign[], state: ProfileState | undefined, channel: Channel, now: number): Promise<EventCounter> {
    const queries = candidates.flatMap((compiled) => compiled.countQueries);
    if (queries.length === 0 || state === undefined) return () => 0;
    const last = state.sessions[channel];
    const session = last !== undefined && now - last.lastEventAt <= SESSION_TIMEOUT_MS ? last : undefined;
    const fromTally = (query: CountQuery): boolean => query.scope === 'session' && query.withinMs === undefined && query.where === undefined && (session === undefined || session.eventCounts !== undefined);
    const fromLog = queries.filter((query) => !fromTally(query));
    const since = Math.min(...fromLog.map((query) => (query.withinMs !== undefined ? now - query.withinMs : query.scope === 'session' ? (session?.startedAt ?? now) : 0)));
    const events = fromLog.length === 0 ? [] : await this.deps.events.namedSince(state.id, [...new Set(fromLog.map((query) => query.event))], since, MAX_COUNTED_EVENTS);
    return (query, matches) => {
      if (fromTally(query)) return talliedCount(session, query.event);
      let count = 0;
      for (const event of events) {
        if (event.name !== query.event) continue;
        if (query.scope === 'session' && (session === undefined || event.sessionId !== session.id)) continue;
        if (query.withinMs !== undefined && now - event.timestamp > query.withinMs) continue;
        if (matches(eventValues(event))) count++;
      }
      return count;
    };
  }

  /** Where the shopper is: the request's location, else the last one the profile knows. */
  private weatherFor(request: DecideRequest, state: ProfileState | undefined): Weather | undefined {
    if (!this.deps.weather) return undefined;
    const location = request.context?.location ?? state?.lifetime.lastLocation;
    if (typeof location?.latitude !== 'number' || typeof location.longitude !== 'number') return undefined;
    return this.deps.weather.current(location.latitude, location.longitude);
  }

  private async productInContext(request: DecideRequest): Promise<ProductView | undefined> {
    const id = request.context?.product?.id;
    if (id === undefined) return undefined;
    try {
      return await this.deps.catalog.getProductView(id);
    } catch (error) {
      // A product the catalog does not know yet: the decision goes on without product facts.
      if (error instanceof KairosError && error.code === 'KAIROS_PRODUCT_NOT_FOUND') return undefined;
      throw error;
    }
  }
}

export interface TriggeredDecisionInput {
  compiled: CompiledCampaign;
  state: ProfileState;
  userId?: string | undefined;
  anonymousId?: string | undefined;
  /** The shopper channel the trigger came from: its live session is `session.*`. */
  channel: Channel;
  /** The product in context (`product.*`), e.g. the one a dwell was on. */
  productId?: string | undefined;
  /** The event that fired the trigger (`event.*`). */
  event?: StoredEvent | undefined;
  store?: StoreFacts | undefined;
}

export interface TriggeredDecision {
  decisionId: string;
  profileId: string;
  campaignId: string;
  /** `chosen`, `held_out`, or why nothing is sent (`campaign_cap`, `no_eligible_variant`, …). */
  outcome: string;
  intervention?: Intervention;
  /** How the intervention's variant was chosen (recorded on its delivery event). */
  choice?: VariantChoice;
  why: Considered[];
}

function note(compiled: CompiledCampaign, outcome: string, detail?: string): Considered {
  const considered: Considered = { campaignId: compiled.campaign.id, priority: compiled.campaign.priority, outcome };
  if (detail !== undefined) considered.detail = detail;
  return considered;
}

type EventCounter = (query: CountQuery, matches: (event: Record<string, unknown>) => boolean) => number;

/** The live session's tally of an event name (own keys only: a name may be `constructor`); 0 without a session. */
function talliedCount(session: SessionState | undefined, name: string): number {
  const counts = session?.eventCounts;
  return counts !== undefined && Object.hasOwn(counts, name) ? counts[name]! : 0;
}

/** Events counted at most per decision for `count` conditions: the newest, so a long history costs a bounded read. */
const MAX_COUNTED_EVENTS = 1000;

function outsideSchedule(compiled: CompiledCampaign, now: number): boolean {
  return (compiled.startsAt !== undefined && now < compiled.startsAt) || (compiled.endsAt !== undefined && now >= compiled.endsAt);
}

/** Minutes into the shopper's local day (for quiet hours), when their local time is known. */
function localMinuteOf(values: Record<string, unknown>): number | undefined {
  const localTime = (values.context as { localTime?: { time: string } }).localTime;
  return localTime ? Number(localTime.time.slice(0, 2)) * 60 + Number(localTime.time.slice(3, 5)) : undefined;
}

/** The verdicts without a detail, made once: most campaigns of a decision end in one of them. */
const NOT_IN_AUDIENCE = { reason: 'not_in_audience' } as const;
const OTHER_PLACEMENT = { reason: 'other_placement' } as const;
const OTHER_CHANNEL = { reason: 'other_channel' } as const;
const OUTSIDE_SCHEDULE = { reason: 'outside_schedule' } as const;

/** Why a campaign does not apply to this placement at all, before anything about the shopper is looked at. */
function placementMismatch(compiled: CompiledCampaign, request: DecideRequest, channel: Channel, now: number): { reason: string; detail?: string } | undefined {
  const { campaign } = compiled;
  if (campaign.trigger.type !== 'placement') return { reason: 'not_a_placement_campaign', detail: `triggered by ${campaign.trigger.type}` };
  if (request.placement === undefined || !campaign.trigger.placements.includes(request.placement)) return OTHER_PLACEMENT;
  if (campaign.channels !== undefined && !campaign.channels.includes(channel)) return OTHER_CHANNEL;
  if (outsideSchedule(compiled, now)) return OUTSIDE_SCHEDULE;
  return undefined;
}

/** What a counted event looks like to a `where` condition: `event.name`, `event.properties.…`, `event.context.…`. */
function eventValues(event: StoredEvent): Record<string, unknown> {
  return { name: event.name, properties: event.properties, context: event.context, channel: event.channel, storeId: event.storeId, at: event.timestamp };
}

/** Products in a recommendation block whose variant does not say how many. */
const RECOMMENDATION_BLOCK_SIZE = 4;
