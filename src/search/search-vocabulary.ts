import { LRUCache } from 'lru-cache';
import { addToDecayedScore, decayedScore } from '../profiles/apply-event.js';
import type { SearchVocabularyStore } from './search-vocabulary-store.js';
import { foldText } from './search-text.js';
import type { ChoiceKind, TermVocabulary, VocabularyEntry } from './term-vocabulary.js';

/** A product a shopper chose after a search, with what the catalog (or the event) says it is. */
export interface LearnedChoice {
  /** The vocabulary keys of the query it followed (queryKeys). */
  keys: readonly string[];
  productId: string;
  /** Category names from the root; each level is credited. */
  categoryPath: readonly string[];
  brand?: string;
  /** How much the choice counts: a purchase more than a click (AFFINITY_WEIGHTS). */
  weight: number;
  /** When it was made (the event's time, epoch ms). */
  at: number;
}

/**
 * Entries kept per key and kind, the strongest by decayed weight: a key's vocabulary stays a few kB
 * however many shoppers search it, and the long tail of one-off choices is what is dropped.
 */
export const MAX_ENTRIES: Readonly<Record<ChoiceKind, number>> = { category: 20, brand: 20, product: 50 };
/** An entry whose decayed weight fell below this (a click four months ago) is dropped when its key is next written. */
const MIN_ENTRY_WEIGHT = 0.05;
/** Keys cached in memory: the queries a shop sees most are few, and a miss is one indexed read. */
const CACHE_SIZE = 20_000;

/**
 * The search vocabulary: for each query key, which categories, brands and products shoppers chose
 * after searching it. Reads are cached (an LRU of keys, coherent because this is the only writer);
 * each `learn` writes the keys it changed in one transaction.
 *
 * @example
 * await vocabulary.learn([{ keys: ['purse'], productId: 'bag-1', categoryPath: ['Bags', 'Handbags'], weight: 1, at }]);
 * (await vocabulary.read(['purse'])).get('purse')?.evidence // → 1
 */
export class SearchVocabulary {
  private readonly cache = new LRUCache<string, TermVocabulary>({ max: CACHE_SIZE });

  constructor(private readonly deps: { store: SearchVocabularyStore }) {}

  /** The vocabularies of those keys that have learned something, by key. */
  async read(keys: readonly string[]): Promise<Map<string, TermVocabulary>> {
    const missing = keys.filter((key) => !this.cache.has(key));
    if (missing.length > 0) {
      const loaded = await this.deps.store.load(missing);
      // A key with nothing learned is cached too, so an unknown query costs one read, not one per search.
      for (const key of missing) this.cache.set(key, loaded.get(key) ?? emptyVocabulary(key));
    }
    const found = new Map<string, TermVocabulary>();
    for (const key of keys) {
      const vocabulary = this.cache.get(key);
      if (vocabulary !== undefined && vocabulary.evidence > 0) found.set(key, vocabulary);
    }
    return found;
  }

  /** Credits each choice to every key of its query, keeps the strongest entries, and saves the keys changed. */
  async learn(choices: readonly LearnedChoice[]): Promise<void> {
    if (choices.length === 0) return;
    const current = await this.read([...new Set(choices.flatMap((choice) => choice.keys))]);
    // Copies are changed, not the cached values: a failed save leaves the cache as the store is.
    const changed = new Map<string, TermVocabulary>();
    for (const choice of choices) {
      for (const key of choice.keys) {
        let vocabulary = changed.get(key);
        if (vocabulary === undefined) {
          vocabulary = structuredClone(current.get(key)) ?? emptyVocabulary(key);
          changed.set(key, vocabulary);
        }
        credit(vocabulary, choice);
      }
    }
    const updated = [...changed.values()].map(keepStrongest);
    await this.deps.store.save(updated);
    for (const vocabulary of updated) this.cache.set(vocabulary.key, vocabulary);
  }

  /** Forgets keys no one chose anything after since the bound; returns how many. */
  async pruneBefore(epochMs: number): Promise<number> {
    const pruned = await this.deps.store.pruneBefore(epochMs);
    if (pruned > 0) this.cache.clear();
    return pruned;
  }
}

function emptyVocabulary(key: string): TermVocabulary {
  return { key, choices: { score: 0, at: 0 }, evidence: 0, entries: [] };
}

function credit(vocabulary: TermVocabulary, choice: LearnedChoice): void {
  vocabulary.choices = addToDecayedScore(vocabulary.evidence === 0 ? undefined : vocabulary.choices, choice.weight, choice.at);
  vocabulary.evidence += 1;
  const levels = new Map<string, string>();
  for (const name of choice.categoryPath) {
    const value = foldText(name);
    if (value !== '' && !levels.has(value)) levels.set(value, name.trim());
  }
  for (const [value, label] of levels) creditEntry(vocabulary, 'category', value, label, choice);
  if (choice.brand !== undefined && foldText(choice.brand) !== '') creditEntry(vocabulary, 'brand', foldText(choice.brand), choice.brand.trim(), choice);
  creditEntry(vocabulary, 'product', choice.productId, choice.productId, choice);
}

function creditEntry(vocabulary: TermVocabulary, kind: ChoiceKind, value: string, label: string, choice: LearnedChoice): void {
  const entry = vocabulary.entries.find((candidate) => candidate.kind === kind && candidate.value === value);
  if (entry === undefined) {
    vocabulary.entries.push({ kind, value, label, weight: { score: choice.weight, at: choice.at }, evidence: 1 });
    return;
  }
  entry.weight = addToDecayedScore(entry.weight, choice.weight, choice.at);
  entry.evidence += 1;
  // The latest spelling wins: a catalog rename shows at the next choice.
  entry.label = label;
}

function keepStrongest(vocabulary: TermVocabulary): TermVocabulary {
  const at = vocabulary.choices.at;
  const strength = (entry: VocabularyEntry) => decayedScore(entry.weight, at);
  const kept: VocabularyEntry[] = [];
  for (const kind of Object.keys(MAX_ENTRIES) as ChoiceKind[]) {
    const ofKind = vocabulary.entries.filter((entry) => entry.kind === kind && strength(entry) >= MIN_ENTRY_WEIGHT);
    kept.push(...ofKind.sort((a, b) => strength(b) - strength(a)).slice(0, MAX_ENTRIES[kind]));
  }
  return { ...vocabulary, entries: kept };
}
