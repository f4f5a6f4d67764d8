import { normaliseCategoryPath } from '../catalog/product-input.js';
import { decayedScore } from '../profiles/apply-event.js';
import type { ProfileState } from '../profiles/profile-state.js';
import { interestIn } from '../profiles/recently-viewed.js';
import type { ContentFacts } from './models/content-index.js';

/** What a shopper is drawn to, each affinity scaled to [0, 1] (1 = their strongest). */
export interface ShopperTaste {
  categories: Map<string, number>;
  brands: Map<string, number>;
  colours: Map<string, number>;
  /** The price band (log2 of the price) the shopper looks at most, weighted by interest. */
  priceBand?: number;
}

/** An item's affinity for the shopper: its strength in [0, 1] and what it is, for the reason. */
export interface ItemAffinity {
  value: number;
  because?: string;
}

/**
 * The shopper's taste from the profile: category and brand affinities (decayed, from every event with a
 * category or brand) and, from the products they viewed that the catalog knows, colours and a price band.
 */
export function shopperTaste(profile: ProfileState, now: number, factsOf: (itemId: string) => ContentFacts | undefined): ShopperTaste {
  const categories = new Map<string, number>();
  for (const entry of profile.lifetime.categoryAffinity) {
    const score = decayedScore(entry, now);
    for (const level of normaliseCategoryPath(entry.name)) {
      const key = level.toLowerCase();
      categories.set(key, Math.max(categories.get(key) ?? 0, score));
    }
  }
  const brands = new Map<string, number>();
  for (const entry of profile.lifetime.brandAffinity) brands.set(entry.name.toLowerCase(), decayedScore(entry, now));
  const colours = new Map<string, number>();
  let bandSum = 0;
  let bandWeight = 0;
  for (const entry of profile.lifetime.recentlyViewed ?? []) {
    const facts = factsOf(entry.productId);
    if (!facts) continue;
    const interest = interestIn(entry, now);
    if (facts.colour) colours.set(facts.colour, (colours.get(facts.colour) ?? 0) + interest);
    if (facts.price !== null && facts.price > 0) {
      bandSum += Math.log2(facts.price) * interest;
      bandWeight += interest;
    }
  }
  const taste: ShopperTaste = { categories: scaled(categories), brands: scaled(brands), colours: scaled(colours) };
  if (bandWeight > 0) taste.priceBand = bandSum / bandWeight;
  return taste;
}

/**
 * How well an item fits the taste: the mean of the category (its deepest liked level), brand, colour
 * and price-band fits that the item has facts for — so an item is not penalised for a missing brand.
 * The reason names the strongest fit.
 */
export function itemAffinity(taste: ShopperTaste, facts: ContentFacts | undefined): ItemAffinity {
  if (!facts) return { value: 0 };
  const fits: Array<[number, string]> = [];
  const liked = facts.categories.filter((level) => taste.categories.has(level));
  if (liked.length > 0) {
    const level = liked[liked.length - 1]!;
    fits.push([taste.categories.get(level)!, `your interest in ${level}`]);
  }
  if (facts.brand && taste.brands.has(facts.brand)) fits.push([taste.brands.get(facts.brand)!, `your interest in ${facts.brand}`]);
  if (facts.colour && taste.colours.has(facts.colour)) fits.push([taste.colours.get(facts.colour)!, `your taste for ${facts.colour}`]);
  if (taste.priceBand !== undefined && facts.price !== null && facts.price > 0) {
    const distance = Math.abs(Math.log2(facts.price) - taste.priceBand);
    fits.push([Math.max(0, 1 - distance / 2), 'the prices you look at']);
  }
  if (fits.length === 0) return { value: 0 };
  const value = fits.reduce((sum, [fit]) => sum + fit, 0) / fits.length;
  const strongest = fits.reduce((best, fit) => (fit[0] > best[0] ? fit : best));
  return strongest[0] > 0 ? { value, because: strongest[1] } : { value };
}

function scaled(values: Map<string, number>): Map<string, number> {
  const max = Math.max(0, ...values.values());
  if (max <= 0) return new Map();
  return new Map([...values].map(([key, value]) => [key, value / max]));
}
