import { normaliseCategoryPath } from '../../catalog/product-input.js';
import type { Interaction, InteractionKind } from '../interaction.js';
import type { StreamModel } from '../strategies/strategy.js';
import { CoOccurrence } from './co-occurrence.js';
import { DecayedCounts } from './decayed-counts.js';
import { GrowableCounts, ItemIds } from './item-ids.js';
import { RecentBaskets } from './recent-baskets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How much each kind of interaction says about an item's popularity now. */
const TRENDING_WEIGHT: Record<InteractionKind, number> = { view: 1, cart_add: 3, purchase: 5 };

export interface InteractionModelOptions {
  /** Neighbours kept per item by the co-occurrence models. */
  maxNeighbours: number;
  /** Open sessions (and shoppers' recent purchases) remembered for pairing. */
  maxOpenBaskets: number;
  /** Half-life of "trending now". */
  trendingHalfLifeMs: number;
  /** Half-life of "best sellers". */
  salesHalfLifeMs: number;
}

export const DEFAULT_INTERACTION_MODEL_OPTIONS: InteractionModelOptions = {
  maxNeighbours: 50,
  maxOpenBaskets: 100_000,
  trendingHalfLifeMs: 3 * HOUR,
  salesHalfLifeMs: 7 * DAY,
};

/**
 * The counts every stream-fed strategy reads, updated one interaction at a time:
 * - viewed together: items viewed or carted in the same session (each new item paired with the
 *   session's last 10 distinct items);
 * - bought together: items purchased by the same shopper within 3 days (an order's lines among them), and
 *   items added to the same session's cart (half weight: intent to buy together, not yet a sale);
 * - popularity (every interaction), trending (views, cart adds and purchases decayed over hours) and
 *   sales (purchased units decayed over days);
 * - each item's category as events name it, for items the catalog does not know.
 */
export class InteractionModels implements StreamModel {
  readonly items = new ItemIds();
  readonly viewedTogether: CoOccurrence;
  readonly boughtTogether: CoOccurrence;
  readonly popularity = new GrowableCounts();
  readonly trending: DecayedCounts;
  readonly sales: DecayedCounts;
  private readonly eventCategories: Array<string[] | undefined> = [];
  /** Category name (any level, lower case) → the items whose events named it. */
  private readonly eventCategoryIndex = new Map<string, number[]>();
  private readonly sessionViews: RecentBaskets;
  private readonly sessionCarts: RecentBaskets;
  private readonly shopperPurchases: RecentBaskets;
  private observed = 0;
  private latestAt = 0;

  constructor(options: InteractionModelOptions = DEFAULT_INTERACTION_MODEL_OPTIONS) {
    this.viewedTogether = new CoOccurrence(options.maxNeighbours);
    this.boughtTogether = new CoOccurrence(options.maxNeighbours);
    this.trending = new DecayedCounts(options.trendingHalfLifeMs);
    this.sales = new DecayedCounts(options.salesHalfLifeMs);
    const maxBaskets = options.maxOpenBaskets;
    this.sessionViews = new RecentBaskets({ maxItems: 10, idleMs: 30 * MINUTE, maxBaskets });
    this.sessionCarts = new RecentBaskets({ maxItems: 20, idleMs: 30 * MINUTE, maxBaskets });
    this.shopperPurchases = new RecentBaskets({ maxItems: 20, idleMs: 3 * DAY, maxBaskets });
  }

  observe(interaction: Interaction): void {
    const item = this.items.intern(interaction.itemId);
    this.observed++;
    this.latestAt = Math.max(this.latestAt, interaction.at);
    if (interaction.category !== undefined && this.eventCategories[item] === undefined) this.rememberCategory(item, interaction.category);
    this.popularity.add(item, 1);
    this.trending.add(item, TRENDING_WEIGHT[interaction.kind], interaction.at);
    if (interaction.kind === 'purchase') {
      this.sales.add(item, 1, interaction.at);
      this.pairIn(this.boughtTogether, this.shopperPurchases, interaction.profileId, item, interaction.at, 1);
    } else {
      this.pairIn(this.viewedTogether, this.sessionViews, interaction.sessionId, item, interaction.at, 1);
      if (interaction.kind === 'cart_add') this.pairIn(this.boughtTogether, this.sessionCarts, interaction.sessionId, item, interaction.at, 0.5);
    }
  }

  /** The category names of an item as its events gave them (lower case, from the root), if any did. */
  eventCategoryOf(index: number): readonly string[] | undefined {
    return this.eventCategories[index];
  }

  /** The items whose events named this category (lower case) at any level. */
  eventCategoryMembers(category: string): readonly number[] {
    return this.eventCategoryIndex.get(category) ?? [];
  }

  /** Interactions observed so far. */
  get size(): number {
    return this.observed;
  }

  /** The time of the latest interaction observed (epoch ms; 0 before any). */
  get latestTime(): number {
    return this.latestAt;
  }

  private rememberCategory(item: number, category: string): void {
    const levels = [...new Set(normaliseCategoryPath(category).map((name) => name.toLowerCase()))];
    this.eventCategories[item] = levels;
    for (const level of levels) {
      let members = this.eventCategoryIndex.get(level);
      if (!members) this.eventCategoryIndex.set(level, (members = []));
      members.push(item);
    }
  }

  private pairIn(model: CoOccurrence, baskets: RecentBaskets, key: string, item: number, at: number, weight: number): void {
    const partners = baskets.add(key, item, at);
    if (partners === null) return;
    model.countBasket(item);
    for (const partner of partners) model.addPair(partner, item, weight);
  }
}
