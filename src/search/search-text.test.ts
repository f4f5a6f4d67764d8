import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, foldText, queryKeys, stemTerm } from './search-text.js';

describe('foldText', () => {
  it('lower-cases, folds accents and turns punctuation into single spaces', () => {
    expect(foldText('  Sacs à MAIN ')).toBe('sacs a main');
    expect(foldText('Crème-Brûlée / Ça')).toBe('creme brulee ca');
    expect(foldText('T-Shirts & Tops')).toBe('t shirts tops');
  });
});

describe('stemTerm', () => {
  it.each([
    ['purses', 'purse'],
    ['bags', 'bag'],
    ['handbags', 'handbag'],
    ['berries', 'berry'],
    ['dresses', 'dress'],
    ['watches', 'watch'],
    ['boxes', 'box'],
    ['dress', 'dress'],
    ['cactus', 'cactus'],
    ['bus', 'bus'],
    ['ties', 'tie'],
    ['501s', '501s'],
  ])('%s → %s', (word, stem) => {
    expect(stemTerm(word)).toBe(stem);
  });

  it('sends singular and plural to the same key', () => {
    for (const [singular, plural] of [['purse', 'purses'], ['sneaker', 'sneakers'], ['dress', 'dresses'], ['watch', 'watches'], ['hobby', 'hobbies']]) {
      expect(stemTerm(plural!)).toBe(stemTerm(singular!));
    }
  });
});

describe('queryKeys', () => {
  it('gives the terms and, for several, the phrase', () => {
    expect(queryKeys('Red Leather Purses')).toEqual({ terms: ['red', 'leather', 'purse'], phrase: 'red leather purse', keys: ['red', 'leather', 'purse', 'red leather purse'] });
    expect(queryKeys('purse')).toEqual({ terms: ['purse'], phrase: 'purse', keys: ['purse'] });
  });

  it('drops stop words and repeats, and keeps at most MAX_QUERY_TERMS terms', () => {
    expect(queryKeys('bags for the beach and bags').terms).toEqual(['bag', 'beach']);
    expect(queryKeys(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(MAX_QUERY_TERMS);
  });

  it('has no keys for a query of punctuation', () => {
    expect(queryKeys(' ?! ').keys).toEqual([]);
  });
});
