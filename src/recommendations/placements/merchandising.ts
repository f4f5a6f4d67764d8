import type { FrozenProduct } from '../../catalog/product.js';
import type { Candidate, StrategyName } from '../strategies/strategy.js';
import type { MerchandisingRules } from './placement.js';
import { inAnyCategory, matches, sameValue } from './product-match.js';

/**
 * The merchandiser's rules over what the strategies proposed (docs/recommendations.md, "Placements and
 * merchandising"). Pure: the recommendation service reads the products and the shopper's facts and
 * calls `filterReason` for each candidate (so it can say which rule removed what, and ask the next
 * strategy when too few are left), then `arrange` on the survivors.
 */
export const FILTER_NAMES = ['out_of_stock', 'already_bought', 'blocked_category', 'territory', 'price_range'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

/** What the filters know about the shopper and the moment. */
export interface FilterFacts {
  /** Product id → when the shopper last bought it (epoch ms), from the profile. */
  purchased: ReadonlyMap<string, number>;
  /** ISO 3166 code of the shopper's country, when known. */
  country?: string;
  now: number;
}

export const PINNED_REASON = 'pinned by the merchandiser';

const DAY_MS = 86_400_000;

/**
 * The first rule that removes a candidate, in the order of FILTER_NAMES, or undefined when it may be
 * shown. A product the catalog does not know (undefined) is judged as a product with no data: nothing
 * says it is out of stock, in a blocked category or limited to some countries, so those pass; nothing
 * says it is a consumable, so a recent purchase removes it like any other; and with no price it fails a
 * price range.
 *
 * @example filterReason(products.get(id), id, placement.rules, { purchased: new Map([['P1', Date.parse('2026-11-01')]]), country: 'US', now })
 */
export function filterReason(product: FrozenProduct | undefined, candidateId: string, rules: MerchandisingRules, facts: FilterFacts): FilterName | undefined {
  if (rules.excludeOutOfStock && product !== undefined && product.inventory !== null && product.inventory <= 0) return 'out_of_stock';
  if (rules.excludeBought !== null && boughtWithin(facts, candidateId, rules.excludeBought.withinDays) && !isConsumable(product, rules.excludeBought)) {
    return 'already_bought';
  }
  if (product !== undefined && inAnyCategory(product, rules.blockedCategories)) return 'blocked_category';
  if (rules.territory !== null && facts.country !== undefined && product !== undefined && !shownIn(product, rules.territory.attribute, facts.country)) return 'territory';
  if (rules.priceRange !== null && !inRange(product?.price ?? null, rules.priceRange)) return 'price_range';
  return undefined;
}

function boughtWithin(facts: FilterFacts, productId: string, days: number): boolean {
  const at = facts.purchased.get(productId);
  return at !== undefined && facts.now - at <= days * DAY_MS;
}

function isConsumable(product: FrozenProduct | undefined, rule: NonNullable<MerchandisingRules['excludeBought']>): boolean {
  if (product === undefined) return false;
  const flag = rule.exceptAttribute === null ? undefined : product.attributes[rule.exceptAttribute];
  return (flag !== undefined && sameValue(flag, true)) || inAnyCategory(product, rule.exceptCategories);
}

/** "US,CA" or "US CA": shown in those countries; no attribute, or no code in it, means everywhere. */
function shownIn(product: FrozenProduct, attribute: string, country: string): boolean {
  const value = product.attributes[attribute];
  const countries = value === undefined ? [] : String(value).toUpperCase().split(/[\s,;]+/).filter(Boolean);
  return countries.length === 0 || countries.includes(country.toUpperCase());
}

function inRange(price: number | null, range: NonNullable<MerchandisingRules['priceRange']>): boolean {
  return price !== null && (range.min === undefined || price >= range.min) && (range.max === undefined || price <= range.max);
}

/** A candidate as the chain produced it: which step (strategy) and its score there. */
export type ChainItem = Candidate & { strategy: StrategyName };

export interface ArrangedItem extends Candidate {
  /** The chain step that produced it; null for a product only a pin put there. */
  strategy: StrategyName | null;
  /** 1-based. */
  position: number;
  pinned?: true;
  /** The product of the factors of the boosts that matched, when it is not 1. */
  boostedBy?: number;
}

/** An item before its position is known. */
type Unplaced = Omit<ArrangedItem, 'position'>;

/**
 * The final list of a placement, from candidates that passed `filterReason`, in chain order (the items
 * of each step best first):
 * 1. Boosts and buries multiply the scores of matching items, which moves them within the items of their
 *    own chain step: the chain's order always wins, because the scores of two strategies are not on one
 *    scale. A product proposed by two steps stays with the first.
 * 2. Diversity caps skip an item over a cap in favour of the next one; when the caps leave fewer than
 *    `count`, fewer are returned, so the caller can ask the next strategy.
 * 3. Pins take their positions (position beyond `count`: dropped). A pinned product is placed even if no
 *    strategy proposed it (strategy null, score 0), but only when it passes the filters, which needs its
 *    catalog product; it is placed even over a diversity cap, and counts towards the caps. When there are
 *    fewer items than a pin's position, the pin closes the list.
 */
export function arrange(
  items: readonly ChainItem[],
  products: ReadonlyMap<string, FrozenProduct>,
  rules: MerchandisingRules,
  count: number,
  facts: FilterFacts,
): ArrangedItem[] {
  const ranked = boostWithinSteps(items, products, rules.boosts);
  const byId = new Map(ranked.map((item) => [item.itemId, item]));
  const pins = rules.pins
    .filter((pin) => pin.position <= count)
    .filter((pin) => byId.has(pin.productId) || (products.has(pin.productId) && filterReason(products.get(pin.productId), pin.productId, rules, facts) === undefined))
    .sort((a, b) => a.position - b.position);
  const pinned = (productId: string): Unplaced => ({
    ...(byId.get(productId) ?? { itemId: productId, score: 0, reason: PINNED_REASON, strategy: null }),
    pinned: true,
  });

  const caps = new DiversityCaps(rules.diversity, products);
  for (const pin of pins) caps.count(pin.productId);
  const pinnedIds = new Set(pins.map((pin) => pin.productId));
  const flowing = ranked.filter((item) => !pinnedIds.has(item.itemId))[Symbol.iterator]();
  const pinAt = new Map(pins.map((pin) => [pin.position, pin.productId]));

  const arranged: Array<Unplaced> = [];
  while (arranged.length < count) {
    const position = arranged.length + 1;
    const pinnedId = pinAt.get(position);
    if (pinnedId !== undefined) {
      pinAt.delete(position);
      arranged.push(pinned(pinnedId));
      continue;
    }
    const next = nextWithinCaps(flowing, caps);
    if (next === undefined) break;
    arranged.push(next);
  }
  for (const productId of pinAt.values()) arranged.push(pinned(productId));
  return arranged.map((item, index) => ({ ...item, position: index + 1 }));
}

/** Multiplies matching scores and re-sorts each step by them; ties keep the order they came in. */
function boostWithinSteps(items: readonly ChainItem[], products: ReadonlyMap<string, FrozenProduct>, boosts: MerchandisingRules['boosts']): Array<Unplaced> {
  const seen = new Set<string>();
  const firstOfEach = items.filter((item) => {
    if (seen.has(item.itemId)) return false;
    seen.add(item.itemId);
    return true;
  });
  const stepOf = new Map<StrategyName, number>();
  const boosted = firstOfEach.map((item, index) => {
    if (!stepOf.has(item.strategy)) stepOf.set(item.strategy, stepOf.size);
    const product = products.get(item.itemId);
    const factor = boosts.reduce((total, boost) => (matches(product, boost.match) ? total * boost.factor : total), 1);
    const arranged: Unplaced = factor === 1 ? { ...item } : { ...item, score: item.score * factor, boostedBy: factor };
    return { arranged, step: stepOf.get(item.strategy)!, index };
  });
  boosted.sort((a, b) => a.step - b.step || b.arranged.score - a.arranged.score || a.index - b.index);
  return boosted.map((entry) => entry.arranged);
}

function nextWithinCaps(items: Iterator<Unplaced>, caps: DiversityCaps): Unplaced | undefined {
  for (let next = items.next(); !next.done; next = items.next()) {
    if (caps.allows(next.value.itemId)) {
      caps.count(next.value.itemId);
      return next.value;
    }
  }
  return undefined;
}

/** Items per brand and per category (the leaf of the path), case-insensitive; a product without one is not capped by it. */
class DiversityCaps {
  private readonly perBrand = new Map<string, number>();
  private readonly perCategory = new Map<string, number>();

  constructor(
    private readonly caps: MerchandisingRules['diversity'],
    private readonly products: ReadonlyMap<string, FrozenProduct>,
  ) {}

  allows(productId: string): boolean {
    const { brand, category } = this.keysOf(productId);
    const { maxPerBrand, maxPerCategory } = this.caps ?? {};
    const brandFull = brand !== undefined && maxPerBrand !== undefined && (this.perBrand.get(brand) ?? 0) >= maxPerBrand;
    const categoryFull = category !== undefined && maxPerCategory !== undefined && (this.perCategory.get(category) ?? 0) >= maxPerCategory;
    return !brandFull && !categoryFull;
  }

  count(productId: string): void {
    const { brand, category } = this.keysOf(productId);
    if (brand !== undefined) this.perBrand.set(brand, (this.perBrand.get(brand) ?? 0) + 1);
    if (category !== undefined) this.perCategory.set(category, (this.perCategory.get(category) ?? 0) + 1);
  }

  private keysOf(productId: string): { brand: string | undefined; category: string | undefined } {
    const product = this.products.get(productId);
    return { brand: product?.brand?.toLowerCase(), category: product?.categoryPath.at(-1)?.toLowerCase() };
  }
}
