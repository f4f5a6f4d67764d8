import { normaliseCategoryPath } from '../catalog/product-input.js';
import { decayedScore } from '../profiles/apply-event.js';
import { SESSION_TIMEOUT_MS } from '../profiles/feature-constants.js';
import type { Affinity, ProfileState, SessionState } from '../profiles/profile-state.js';
import { categoryPathMatch, noisyOr, type ProductFacts } from './category-path-match.js';
import type { Evidence } from './query-match.js';
import { AFFINITY_CONFIDENCE_PRIOR, SESSION_CATEGORY_FACTOR } from './rerank-weights.js';
import { foldText } from './search-text.js';

/** What a profile says about the shopper, prepared once per request: folded names → strength in [0, 1]. */
export interface ShopperSignals {
  categoryAffinity: Map<string, number>;
  brandAffinity: Map<string, number>;
  /** The session the shopper is in now (the latest open one of any channel), if any. */
  session: { products: Set<string>; categories: Set<string> } | undefined;
}

export function shopperSignals(state: ProfileState, now: number): ShopperSignals {
  const session = currentSession(state, now);
  return {
    categoryAffinity: affinityStrengths(state.lifetime.categoryAffinity, now, (key) => normaliseCategoryPath(key)),
    brandAffinity: affinityStrengths(state.lifetime.brandAffinity, now, (key) => [key]),
    session: session && {
      products: new Set(session.products),
      categories: new Set(session.categories.flatMap((category) => normaliseCategoryPath(category).map(foldText))),
    },
  };
}

/** How the item matches the shopper's lasting affinities, in [0, 1], with the evidence. */
export function affinityMatch(signals: ShopperSignals, product: ProductFacts): { strength: number; evidence: Evidence[] } {
  const byCategory = categoryPathMatch(product.foldedPath, (name) => signals.categoryAffinity.get(name) ?? 0);
  const byBrand = product.foldedBrand === null ? 0 : (signals.brandAffinity.get(product.foldedBrand) ?? 0);
  const evidence: Evidence[] = [];
  if (byCategory.strength > 0) evidence.push({ strength: byCategory.strength, reason: `you often look at ${product.categoryPath[byCategory.level]!}` });
  if (byBrand > 0) evidence.push({ strength: byBrand, reason: `you often look at ${product.brand!}` });
  return { strength: noisyOr(byCategory.strength, byBrand), evidence };
}

/** How the item matches what the shopper is doing in this session, in [0, 1], with the evidence. */
export function sessionMatch(signals: ShopperSignals, product: ProductFacts): { strength: number; evidence: Evidence[] } {
  const session = signals.session;
  if (session === undefined) return { strength: 0, evidence: [] };
  if (session.products.has(product.id)) return { strength: 1, evidence: [{ strength: 1, reason: 'you looked at this product in this session' }] };
  const byCategory = categoryPathMatch(product.foldedPath, (name) => (session.categories.has(name) ? SESSION_CATEGORY_FACTOR : 0));
  if (byCategory.strength === 0) return { strength: 0, evidence: [] };
  return { strength: byCategory.strength, evidence: [{ strength: byCategory.strength, reason: `you are browsing ${product.categoryPath[byCategory.level]!} in this session` }] };
}

function currentSession(state: ProfileState, now: number): SessionState | undefined {
  let current: SessionState | undefined;
  for (const session of Object.values(state.sessions)) {
    if (session !== undefined && now - session.lastEventAt < SESSION_TIMEOUT_MS && (current === undefined || session.lastEventAt > current.lastEventAt)) current = session;
  }
  return current;
}

/**
 * Affinities as strengths: decayed to now, over the strongest plus AFFINITY_CONFIDENCE_PRIOR. Keys are
 * what events said ("Bags > Handbags", "Handbags"); every level of a path gets the key's score.
 */
function affinityStrengths(affinities: readonly Affinity[], now: number, levelsOf: (name: string) => string[]): Map<string, number> {
  const scores = new Map<string, number>();
  let strongest = 0;
  for (const entry of affinities) {
    const score = decayedScore(entry, now);
    strongest = Math.max(strongest, score);
    for (const level of levelsOf(entry.name)) {
      const name = foldText(level);
      scores.set(name, Math.max(scores.get(name) ?? 0, score));
    }
  }
  for (const [name, score] of scores) scores.set(name, score / (strongest + AFFINITY_CONFIDENCE_PRIOR));
  return scores;
}
