import type { TermVocabulary } from './term-vocabulary.js';

/**
 * Where the learned search vocabulary is kept, a key's vocabulary as one unit. Asynchronous so that a
 * PostgreSQL adapter can implement it; SearchVocabulary caches it and is its only writer.
 */
export interface SearchVocabularyStore {
  /** The vocabularies of those keys that have one, by key (one query however many keys). */
  load(keys: readonly string[]): Promise<Map<string, TermVocabulary>>;
  /** Replaces each vocabulary given, its choices and its whole list of entries, in one transaction. */
  save(vocabularies: readonly TermVocabulary[]): Promise<void>;
  /** Forgets the keys whose latest choice is older than the bound (epoch ms); returns how many. */
  pruneBefore(epochMs: number): Promise<number>;
}
