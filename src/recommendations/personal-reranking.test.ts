import { describe, expect, it } from 'vitest';
import { emptyProfileState } from '../profiles/profile-state.js';
import type { ContentFacts } from './models/content-index.js';
import { itemAffinity, shopperTaste } from './personal-reranking.js';

const T0 = Date.UTC(2026, 10, 2, 12);
const facts = (overrides: Partial<ContentFacts>): ContentFacts => ({ categories: [], brand: null, price: null, colour: null, ...overrides });

describe('personal re-ranking', () => {
  const profile = emptyProfileState('p', T0);
  profile.lifetime.categoryAffinity = [
    { name: 'Shoes > Running', score: 10, at: T0 },
    { name: 'Kitchen', score: 2, at: T0 },
  ];
  profile.lifetime.brandAffinity = [{ name: 'stride', score: 4, at: T0 }];
  profile.lifetime.recentlyViewed = [{ productId: 'seen', lastAt: T0, views: 3, cartAdds: 0 }];
  const catalog: Record<string, ContentFacts> = { seen: facts({ colour: 'red', price: 64 }) };
  const taste = shopperTaste(profile, T0, (id) => catalog[id]);

  it('reads category levels, brands, colours and the price band from the profile', () => {
    expect(taste.categories.get('running')).toBe(1);
    expect(taste.categories.get('kitchen')).toBeCloseTo(0.2);
    expect(taste.brands.get('stride')).toBe(1);
    expect(taste.colours.get('red')).toBe(1);
    expect(taste.priceBand).toBe(6);
  });

  it('scores an item by the fits it has facts for and names the strongest', () => {
    const fit = itemAffinity(taste, facts({ categories: ['shoes', 'running'], brand: 'stride', price: 64 }));
    expect(fit).toEqual({ value: 1, because: 'your interest in running' });
    expect(itemAffinity(taste, facts({ categories: ['kitchen'], price: 1024 })).value).toBeCloseTo(0.1);
    expect(itemAffinity(taste, facts({ categories: ['garden'] }))).toEqual({ value: 0 });
    expect(itemAffinity(taste, undefined)).toEqual({ value: 0 });
  });
});
