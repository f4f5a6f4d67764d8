import type { SearchVocabularyStore } from './search-vocabulary-store.js';
import type { TermVocabulary } from './term-vocabulary.js';

/** The vocabulary in a Map, for tests; values are copied in and out like a database would. */
export class InMemorySearchVocabularyStore implements SearchVocabularyStore {
  private readonly vocabularies = new Map<string, TermVocabulary>();

  async load(keys: readonly string[]): Promise<Map<string, TermVocabulary>> {
    const found = new Map<string, TermVocabulary>();
    for (const key of keys) {
      const vocabulary = this.vocabularies.get(key);
      if (vocabulary) found.set(key, structuredClone(vocabulary));
    }
    return found;
  }

  async save(vocabularies: readonly TermVocabulary[]): Promise<void> {
    for (const vocabulary of vocabularies) this.vocabularies.set(vocabulary.key, structuredClone(vocabulary));
  }

  async pruneBefore(epochMs: number): Promise<number> {
    let pruned = 0;
    for (const [key, vocabulary] of this.vocabularies) {
      if (vocabulary.choices.at < epochMs) {
        this.vocabularies.delete(key);
        pruned++;
      }
    }
    return pruned;
  }
}
