import type { ProfileState } from '../../profiles/profile-state.js';
import { decayedScore } from '../../profiles/apply-event.js';
import type { RecommendationContext } from './strategy.js';

/** Items a strategy never returns: what the shopper is looking at or already has in the cart. */
export function contextItems(context: RecommendationContext): Set<string> {
  return new Set([...context.products, ...context.cart]);
}

/** The shopper's strongest category affinities now, strongest first (names as events gave them). */
export function topCategories(profile: ProfileState | undefined, now: number, count: number): string[] {
  if (!profile) return [];
  return profile.lifetime.categoryAffinity
    .map((entry) => [entry.name, decayedScore(entry, now)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name]) => name);
}

/** The leaf name of a category as events or the catalog give it ("Shoes > Running" → "running"). */
export function leafCategory(path: readonly string[]): string | undefined {
  return path.length === 0 ? undefined : path[path.length - 1]!.toLowerCase();
}

/** A count for a reason: whole numbers plainly, decayed ones to one decimal. */
export function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}
