import { describe, expect, it } from 'vitest';
import { AFFINITY_HALF_LIFE_MS } from '../profiles/feature-constants.js';
import { InMemorySearchVocabularyStore } from './in-memory-search-vocabulary-store.js';
import { MAX_ENTRIES, SearchVocabulary, type LearnedChoice } from './search-vocabulary.js';
import type { SearchVocabularyStore } from './search-vocabulary-store.js';
import { shareOf } from './term-vocabulary.js';

const at = Date.parse('2026-11-23T10:00:00Z');
const choice = (overrides: Partial<LearnedChoice> = {}): LearnedChoice => ({ keys: ['purse'], productId: 'bag-1', categoryPath: ['Bags', 'Handbags'], brand: 'Acme', weight: 1, at, ...overrides });

describe('SearchVocabulary', () => {
  it('credits every level of the category path, the brand and the product, and counts the evidence', async () => {
    const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
    await vocabulary.learn([choice(), choice({ productId: 'bag-2', brand: 'Zed', weight: 5 }), choice({ productId: 'shoe-1', categoryPath: ['Shoes'], brand: 'Acme' })]);
    const purse = (await vocabulary.read(['purse', 'wallet'])).get('purse')!;
    expect(purse.evidence).toBe(3);
    expect(purse.choices.score).toBe(7);
    const byValue = new Map(purse.entries.map((entry) => [`${entry.kind}:${entry.value}`, entry]));
    expect(byValue.get('category:handbags')).toMatchObject({ label: 'Handbags', weight: { score: 6 }, evidence: 2 });
    expect(byValue.get('category:bags')).toMatchObject({ label: 'Bags', weight: { score: 6 } });
    expect(byValue.get('brand:acme')).toMatchObject({ label: 'Acme', weight: { score: 2 }, evidence: 2 });
    expect(byValue.get('product:bag-2')).toMatchObject({ weight: { score: 5 } });
    expect(shareOf(purse, byValue.get('category:handbags')!)).toBeCloseTo(6 / 7);
  });

  it('matches names folded: "Sacs à main" and "sacs a main" are one category, shown as last written', async () => {
    const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
    await vocabulary.learn([choice({ categoryPath: ['Sacs à main'] }), choice({ productId: 'bag-2', categoryPath: ['sacs a main'] })]);
    const categories = (await vocabulary.read(['purse'])).get('purse')!.entries.filter((entry) => entry.kind === 'category');
    expect(categories).toEqual([expect.objectContaining({ value: 'sacs a main', label: 'sacs a main', evidence: 2 })]);
  });

  it('decays older choices, so shares follow what shoppers choose now', async () => {
    const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
    await vocabulary.learn([choice({ categoryPath: ['Wallets'], at })]);
    await vocabulary.learn([choice({ categoryPath: ['Handbags'], at: at + AFFINITY_HALF_LIFE_MS })]);
    const purse = (await vocabulary.read(['purse'])).get('purse')!;
    const share = (label: string) => shareOf(purse, purse.entries.find((entry) => entry.label === label)!);
    expect(share('Handbags')).toBeCloseTo(1 / 1.5);
    expect(share('Wallets')).toBeCloseTo(0.5 / 1.5);
  });

  it('keeps at most MAX_ENTRIES products per key, the strongest', async () => {
    const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
    const many = Array.from({ length: MAX_ENTRIES.product + 10 }, (_, i) => choice({ productId: `p${i}`, weight: i < 5 ? 5 : 1 }));
    await vocabulary.learn(many);
    const products = (await vocabulary.read(['purse'])).get('purse')!.entries.filter((entry) => entry.kind === 'product');
    expect(products).toHaveLength(MAX_ENTRIES.product);
    expect(products.map((entry) => entry.value)).toEqual(expect.arrayContaining(['p0', 'p1', 'p2', 'p3', 'p4']));
  });

  it('reads a key from the store once, learned or not', async () => {
    const store = new InMemorySearchVocabularyStore();
    const loads: string[][] = [];
    const counting: SearchVocabularyStore = { load: (keys) => (loads.push([...keys]), store.load(keys)), save: (v) => store.save(v), pruneBefore: (b) => store.pruneBefore(b) };
    const vocabulary = new SearchVocabulary({ store: counting });
    await vocabulary.read(['purse', 'wallet']);
    await vocabulary.read(['purse', 'wallet']);
    await vocabulary.learn([choice()]);
    expect(loads).toEqual([['purse', 'wallet']]);
    // What was learned is written through: a new instance over the same store sees it.
    expect((await new SearchVocabulary({ store }).read(['purse'])).get('purse')?.evidence).toBe(1);
  });

  it('leaves the cache as the store is when a save fails', async () => {
    const store = new InMemorySearchVocabularyStore();
    const vocabulary = new SearchVocabulary({ store: { load: (keys) => store.load(keys), save: async () => Promise.reject(new Error('disk full')), pruneBefore: (b) => store.pruneBefore(b) } });
    await expect(vocabulary.learn([choice()])).rejects.toThrow('disk full');
    expect((await vocabulary.read(['purse'])).size).toBe(0);
  });

  it('forgets pruned keys in the cache too', async () => {
    const vocabulary = new SearchVocabulary({ store: new InMemorySearchVocabularyStore() });
    await vocabulary.learn([choice()]);
    expect(await vocabulary.pruneBefore(at + 1)).toBe(1);
    expect((await vocabulary.read(['purse'])).size).toBe(0);
  });
});
