import { decayedScore } from '../profiles/apply-event.js';
import { BRAND_FACTOR, VOCABULARY_CONFIDENCE_PRIOR } from './rerank-weights.js';
import { categoryPathMatch, noisyOr, type ProductFacts } from './category-path-match.js';
import type { QueryKeys } from './search-text.js';
import type { ChoiceKind, TermVocabulary } from './term-vocabulary.js';

/**
 * One key's vocabulary as strengths in [0, 1]: weight / (total choices + VOCABULARY_CONFIDENCE_PRIOR),
 * both decayed to now, so what a term learned long ago is a weaker hint than what it learned this week.
 */
export interface LearnedKey {
  key: string;
  strengths: Record<ChoiceKind, Map<string, number>>;
}

/** What the query's keys learned, prepared once per request. */
export interface LearnedQuery {
  phrase: LearnedKey | undefined;
  terms: LearnedKey[];
}

/** A piece of evidence for an item: how much it adds (before the formula's weight) and what it says. */
export interface Evidence {
  strength: number;
  reason: string;
}

export function learnedQuery(keys: QueryKeys, vocabularies: ReadonlyMap<string, TermVocabulary>, now: number): LearnedQuery {
  const learned = (key: string) => {
    const vocabulary = vocabularies.get(key);
    return vocabulary === undefined ? undefined : learnedKey(vocabulary, now);
  };
  const terms = keys.terms.flatMap((term) => learned(term) ?? []);
  return { phrase: keys.terms.length > 1 ? learned(keys.phrase) : undefined, terms };
}

/**
 * How well the item matches what shoppers chose after this query, in [0, 1], with the evidence: the
 * whole query's match when it has learned something, else (or if higher) the mean over its terms that
 * have, so "red purse" leans on "purse" until the phrase itself has been learned.
 */
export function queryMatch(query: LearnedQuery, product: ProductFacts): { strength: number; evidence: Evidence[] } {
  const phrase = query.phrase === undefined ? undefined : keyMatch(query.phrase, product);
  const terms = query.terms.map((key) => keyMatch(key, product));
  const termMean = terms.length === 0 ? 0 : terms.reduce((sum, match) => sum + match.strength, 0) / terms.length;
  if (phrase !== undefined && phrase.strength >= termMean) return phrase;
  return { strength: termMean, evidence: terms.flatMap((match) => match.evidence.map((evidence) => ({ ...evidence, strength: evidence.strength / terms.length }))) };
}

function keyMatch(learned: LearnedKey, product: ProductFacts): { strength: number; evidence: Evidence[] } {
  const { category, brand, product: products } = learned.strengths;
  const byCategory = categoryPathMatch(product.foldedPath, (name) => category.get(name) ?? 0);
  const byBrand = product.foldedBrand === null ? 0 : BRAND_FACTOR * (brand.get(product.foldedBrand) ?? 0);
  const byProduct = products.get(product.id) ?? 0;
  const chose = (what: string) => `shoppers who searched “${learned.key}” chose ${what}`;
  const evidence: Evidence[] = [];
  if (byCategory.strength > 0) evidence.push({ strength: byCategory.strength, reason: chose(product.categoryPath[byCategory.level]!) });
  if (byBrand > 0) evidence.push({ strength: byBrand, reason: chose(product.brand!) });
  if (byProduct > 0) evidence.push({ strength: byProduct, reason: chose('this product') });
  return { strength: noisyOr(byCategory.strength, byBrand, byProduct), evidence };
}

function learnedKey(vocabulary: TermVocabulary, now: number): LearnedKey {
  const strengths: LearnedKey['strengths'] = { category: new Map(), brand: new Map(), product: new Map() };
  const total = decayedScore(vocabulary.choices, now) + VOCABULARY_CONFIDENCE_PRIOR;
  for (const entry of vocabulary.entries) strengths[entry.kind].set(entry.value, Math.min(1, decayedScore(entry.weight, now) / total));
  return { key: vocabulary.key, strengths };
}
