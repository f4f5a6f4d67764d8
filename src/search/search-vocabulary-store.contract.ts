import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchVocabularyStore } from './search-vocabulary-store.js';
import type { TermVocabulary } from './term-vocabulary.js';

function vocabulary(key: string, at: number, entries: TermVocabulary['entries'] = []): TermVocabulary {
  return { key, choices: { score: 3.5, at }, evidence: 3, entries };
}

const handbags: TermVocabulary['entries'][number] = { kind: 'category', value: 'handbags', label: 'Handbags', weight: { score: 3, at: 1000 }, evidence: 2 };
const acme: TermVocabulary['entries'][number] = { kind: 'brand', value: 'acme', label: 'Acme', weight: { score: 0.5, at: 900 }, evidence: 1 };
const bag1: TermVocabulary['entries'][number] = { kind: 'product', value: 'bag-1', label: 'bag-1', weight: { score: 1, at: 1000 }, evidence: 1 };

/** The behaviour every SearchVocabularyStore adapter must have; each adapter's test calls it with a factory. */
export function describeSearchVocabularyStoreContract(adapter: string, createStore: () => SearchVocabularyStore): void {
  describe(`SearchVocabularyStore contract: ${adapter}`, () => {
    let store: SearchVocabularyStore;
    beforeEach(() => {
      store = createStore();
    });

    it('loads what was saved, for the keys that have a vocabulary', async () => {
      await store.save([vocabulary('purse', 1000, [handbags, acme, bag1]), vocabulary('red purse', 1000)]);
      const loaded = await store.load(['purse', 'red purse', 'wallet']);
      expect([...loaded.keys()].sort()).toEqual(['purse', 'red purse']);
      expect(loaded.get('purse')).toEqual({ ...vocabulary('purse', 1000), entries: expect.arrayContaining([handbags, acme, bag1]) });
      expect(loaded.get('purse')!.entries).toHaveLength(3);
      expect(loaded.get('red purse')!.entries).toEqual([]);
      expect((await store.load([])).size).toBe(0);
    });

    it('replaces a key whole: entries left out of a save are gone', async () => {
      await store.save([vocabulary('purse', 1000, [handbags, acme])]);
      await store.save([{ ...vocabulary('purse', 2000, [{ ...handbags, weight: { score: 4, at: 2000 }, evidence: 3 }]), evidence: 4 }]);
      const purse = (await store.load(['purse'])).get('purse')!;
      expect(purse).toEqual({ key: 'purse', choices: { score: 3.5, at: 2000 }, evidence: 4, entries: [{ ...handbags, weight: { score: 4, at: 2000 }, evidence: 3 }] });
    });

    it('returns copies: changing a loaded vocabulary does not change the store', async () => {
      await store.save([vocabulary('purse', 1000, [handbags])]);
      (await store.load(['purse'])).get('purse')!.entries.length = 0;
      expect((await store.load(['purse'])).get('purse')!.entries).toHaveLength(1);
    });

    it('prunes the keys whose latest choice is older than the bound, with their entries', async () => {
      await store.save([vocabulary('purse', 1000, [handbags]), vocabulary('wallet', 5000, [acme])]);
      expect(await store.pruneBefore(2000)).toBe(1);
      expect([...(await store.load(['purse', 'wallet'])).keys()]).toEqual(['wallet']);
      await store.save([vocabulary('purse', 6000)]);
      expect((await store.load(['purse'])).get('purse')!.entries).toEqual([]);
    });

    it('keeps keys with quotes, accents and spaces as they are', async () => {
      await store.save([vocabulary('sac à main "cuir"', 1000)]);
      expect((await store.load(['sac à main "cuir"'])).has('sac à main "cuir"')).toBe(true);
    });
  });
}
