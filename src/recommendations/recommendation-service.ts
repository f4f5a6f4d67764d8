import { normaliseCategoryPath } from '../catalog/product-input.js';
import type { CatalogStore } from '../catalog/catalog-store.js';
import type { FrozenProduct } from '../catalog/product.js';
import { identifiersOf } from '../identity/request-identifiers.js';
import { SESSION_TIMEOUT_MS } from '../profiles/feature-constants.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { ProfileState } from '../profiles/profile-state.js';
import type { Clock } from '../shared/clock.js';
import { itemAffinity, shopperTaste, type ShopperTaste } from './personal-reranking.js';
import { arrange, filterReason, type ArrangedItem, type FilterFacts } from './placements/merchandising.js';
import { effectiveChain, type Placement } from './placements/placement.js';
import type { PlacementService } from './placements/placement-service.js';
import type { RecommendationEngine } from './recommendation-engine.js';
import type { RecommendationRequest, RecommendationResponse, RecommendedItem, StrategyReport } from './recommendation-request.js';
import type { Candidate, RecommendationContext, StrategyName } from './strategies/strategy.js';

/** A chain step is asked for this many times the items wanted, so filters and diversity leave enough. */
const OVERFETCH = 3;

interface RecommendationServiceDeps {
  engine: RecommendationEngine;
  placements: Pick<PlacementService, 'get'>;
  profiles: Pick<ProfileService, 'findState'>;
  catalog: Pick<CatalogStore, 'getProducts'>;
  clock: Clock;
  /** Whether the models are still learning the log after a start. */
  warming: () => boolean;
}

type Picked = Candidate & { strategy: StrategyName; personalizedBy?: string };

/**
 * `POST /v1/recommendations`: runs the placement's chain of strategies for the shopper and the context,
 * removes what the merchandising rules filter, re-ranks by the shopper's taste when the placement asks,
 * and arranges the rest (boosts, diversity, pins). A step hands over to the next when its evidence is
 * below the step's minimum, when it has no items, or when the rules removed them all; every step is
 * reported, so the response says where each item came from and why others did not.
 */
export class RecommendationService {
  constructor(private readonly deps: RecommendationServiceDeps) {}

  /**
   * `knownProfile`: the shopper's profile when the caller has it already (a decision rendering a
   * recommendation block), null for a shopper without one; the request's identifiers find it otherwise.
   */
  async recommend(request: RecommendationRequest, knownProfile?: ProfileState | null): Promise<RecommendationResponse> {
    const placement = await this.deps.placements.get(request.placement);
    const profile = knownProfile !== undefined ? (knownProfile ?? undefined) : await this.findProfile(request);
    const now = this.deps.clock.now();
    const context = this.contextOf(request, profile, now);
    const count = request.count ?? placement.count;
    const facts: FilterFacts = { purchased: new Map(profile?.lifetime.purchasedProducts?.map((bought) => [bought.productId, bought.at])), now };
    const country = request.context?.country?.toUpperCase() ?? profile?.lifetime.lastLocation?.country?.toUpperCase();
    if (country !== undefined) facts.country = country;

    const products = new Map<string, FrozenProduct>();
    const taste = placement.personalize && profile ? shopperTaste(profile, now, (itemId) => this.deps.engine.content.facts(itemId)) : undefined;
    const picked: Picked[] = [];
    const pickedIds = new Set<string>();
    const reports: StrategyReport[] = [];
    let arranged: ArrangedItem[] = [];
    for (const step of effectiveChain(placement)) {
      const report: StrategyReport = { strategy: step.strategy, outcome: 'not_needed', evidence: 0, minEvidence: step.minEvidence, produced: 0, used: 0, removed: {} };
      reports.push(report);
      if (arranged.length >= count) continue;
      const strategy = this.deps.engine.strategy(step.strategy);
      const result = strategy ? strategy.recommend(context, Math.max(count * OVERFETCH, 30)) : { items: [], evidence: 0 };
      report.evidence = round(result.evidence);
      report.produced = result.items.length;
      if (result.items.length === 0) {
        report.outcome = 'no_items';
        continue;
      }
      if (result.evidence < step.minEvidence) {
        report.outcome = 'too_little_evidence';
        continue;
      }
      const fresh = result.items.filter((item) => !pickedIds.has(item.itemId));
      await this.loadProducts(fresh.map((item) => item.itemId), products);
      const kept: Picked[] = [];
      for (const item of fresh) {
        const removedBy = filterReason(products.get(item.itemId), item.itemId, placement.rules, facts);
        if (removedBy === undefined) kept.push({ ...item, strategy: step.strategy });
        else report.removed[removedBy] = (report.removed[removedBy] ?? 0) + 1;
      }
      if (kept.length === 0) {
        report.outcome = 'filtered_out';
        continue;
      }
      report.outcome = 'used';
      for (const item of this.rankStep(kept, placement, taste).slice(0, step.maxItems ?? count)) {
        picked.push(item);
        pickedIds.add(item.itemId);
      }
      arranged = await this.arranged(picked, products, placement, count, facts);
    }
    if (picked.length === 0) arranged = await this.arranged(picked, products, placement, count, facts);
    const personalizedBy = new Map(picked.filter((item) => item.personalizedBy !== undefined).map((item) => [item.itemId, item.personalizedBy!]));
    for (const report of reports) report.used = arranged.filter((item) => item.strategy === report.strategy).length;
    return {
      placement: placement.id,
      profileId: profile?.id ?? null,
      items: arranged.map((item) => toItem(item, products.get(item.itemId), personalizedBy.get(item.itemId))),
      strategies: reports,
      warming: this.deps.warming(),
    };
  }

  private async findProfile(request: RecommendationRequest): Promise<ProfileState | undefined> {
    const identifiers = identifiersOf(request);
    return identifiers.length === 0 ? undefined : this.deps.profiles.findState(identifiers);
  }

  private contextOf(request: RecommendationRequest, profile: ProfileState | undefined, now: number): RecommendationContext {
    const given = request.context ?? {};
    const products = [...new Set([...(given.product ? [given.product.id] : []), ...(given.products ?? [])])];
    const context: RecommendationContext = { now, products, cart: [...new Set(given.cart ?? [])], sessionItems: this.sessionItems(profile, now) };
    if (profile) context.profile = profile;
    if (given.category !== undefined) context.categoryPath = normaliseCategoryPath(given.category);
    return context;
  }

  /** The clicks of the shopper's open session (the latest of its channels), as the engine saw them. */
  private sessionItems(profile: ProfileState | undefined, now: number): string[] {
    const sessions = Object.values(profile?.sessions ?? {}).filter((session) => now - session.lastEventAt < SESSION_TIMEOUT_MS);
    const latest = sessions.sort((a, b) => b.lastEventAt - a.lastEventAt)[0];
    return latest ? [...this.deps.engine.sessionClicks(latest.id)] : [];
  }

  /**
   * One step's items on a common scale (1 for its best item, so steps compare and boosts mean the
   * same everywhere), raised by the shopper's affinity when the placement personalises, best first.
   */
  private rankStep(items: Picked[], placement: Placement, taste: ShopperTaste | undefined): Picked[] {
    const top = Math.max(...items.map((item) => item.score)) || 1;
    const ranked = items.map((item) => {
      const scaled: Picked = { ...item, score: item.score / top };
      if (taste && placement.personalize) {
        const affinity = itemAffinity(taste, this.deps.engine.content.facts(item.itemId));
        scaled.score *= 1 + placement.personalize.weight * affinity.value;
        if (affinity.because !== undefined) scaled.personalizedBy = affinity.because;
      }
      return scaled;
    });
    return ranked.sort((a, b) => b.score - a.score);
  }

  /** The final list so far; pinned products are read too, as `arrange` filters them like any other. */
  private async arranged(picked: Picked[], products: Map<string, FrozenProduct>, placement: Placement, count: number, facts: FilterFacts): Promise<ArrangedItem[]> {
    await this.loadProducts(placement.rules.pins.map((pin) => pin.productId), products);
    return arrange(picked, products, placement.rules, count, facts);
  }

  private async loadProducts(ids: readonly string[], into: Map<string, FrozenProduct>): Promise<void> {
    const missing = ids.filter((id) => !into.has(id));
    if (missing.length === 0) return;
    for (const [id, product] of await this.deps.catalog.getProducts(missing)) into.set(id, product);
  }
}

function toItem(item: ArrangedItem, product: FrozenProduct | undefined, personalizedBy: string | undefined): RecommendedItem {
  const recommended: RecommendedItem = {
    productId: item.itemId,
    position: item.position,
    score: round(item.score),
    strategy: item.strategy ?? 'pinned',
    reason: item.reason,
    product: product
      ? { name: product.name, categoryPath: [...product.categoryPath], brand: product.brand, price: product.price, currency: product.currency, inventory: product.inventory, imageUrl: product.imageUrl }
      : null,
  };
  if (item.pinned) recommended.pinned = true;
  if (personalizedBy !== undefined) recommended.personalizedBy = personalizedBy;
  if (item.boostedBy !== undefined) recommended.boostedBy = item.boostedBy;
  return recommended;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
