import { describe, expect, it } from 'vitest';
import type { StoredProduct } from '../../catalog/product.js';
import { ContentIndex } from './content-index.js';
import { InteractionModels } from './interaction-models.js';
import { ItemCatalog } from './item-catalog.js';
import { RankedItems } from './ranked-items.js';

const T0 = Date.UTC(2026, 10, 24, 12);
const product = (id: string, category: string): StoredProduct => ({ id, name: id, categoryPath: [category], brand: null, price: null, currency: null, inventory: null, attributes: {}, imageUrl: null, updatedAt: T0 });

function setUp() {
  const content = new ContentIndex();
  const interactions = new InteractionModels();
  const catalog = new ItemCatalog(content, interactions);
  const popularity = new RankedItems(interactions.items, (index) => interactions.popularity.get(index), catalog);
  const view = (itemId: string, times: number) => {
    for (let i = 0; i < times; i++) interactions.observe({ sessionId: `s${itemId}${i}`, profileId: 'p', itemId, kind: 'view', at: T0 });
  };
  return { content, interactions, popularity, view };
}

describe('RankedItems', () => {
  it('ranks a category over its members only, and takes a product moved into it at the next refresh', () => {
    const { content, popularity, view } = setUp();
    content.upsert([product('boot', 'Shoes'), product('sandal', 'Shoes'), product('tent', 'Camping')]);
    view('tent', 5);
    view('sandal', 3);
    view('boot', 1);
    expect(popularity.top(T0, 'shoes')).toEqual(['sandal', 'boot']);
    expect(popularity.top(T0)).toEqual(['tent', 'sandal', 'boot']);

    content.upsert([product('tent', 'Shoes')]);
    expect(popularity.top(T0 + 1000, 'shoes')).toEqual(['sandal', 'boot']);
    expect(popularity.top(T0 + 10_000, 'shoes')).toEqual(['tent', 'sandal', 'boot']);
    expect(popularity.top(T0 + 10_000, 'camping')).toEqual([]);
  });

  it('refreshes each category on its own clock', () => {
    const { content, popularity, view } = setUp();
    content.upsert([product('boot', 'Shoes'), product('tent', 'Camping')]);
    view('boot', 1);
    view('tent', 1);
    expect(popularity.top(T0, 'shoes')).toEqual(['boot']);
    expect(popularity.top(T0 + 5000, 'camping')).toEqual(['tent']);
    content.upsert([product('stove', 'Camping'), product('sneaker', 'Shoes')]);
    view('stove', 2);
    view('sneaker', 2);
    expect(popularity.top(T0 + 10_000, 'shoes')).toEqual(['sneaker', 'boot']);
    expect(popularity.top(T0 + 10_000, 'camping')).toEqual(['tent']);
    expect(popularity.top(T0 + 15_000, 'camping')).toEqual(['stove', 'tent']);
  });

  it('counts items only events put in a category, as they arrive', () => {
    const { interactions, popularity } = setUp();
    interactions.observe({ sessionId: 's', profileId: 'p', itemId: 'lamp', kind: 'view', at: T0, category: 'Home > Lighting' });
    expect(popularity.top(T0, 'lighting')).toEqual(['lamp']);
    for (const sessionId of ['s', 't']) interactions.observe({ sessionId, profileId: 'p', itemId: 'bulb', kind: 'cart_add', at: T0, category: 'Home > Lighting' });
    expect(popularity.top(T0 + 10_000, 'lighting')).toEqual(['bulb', 'lamp']);
  });

  it('adds the items events put in a category to its cached members once each, without waiting for the catalog', () => {
    const { content, interactions, popularity, view } = setUp();
    content.upsert([product('boot', 'Shoes'), product('sandal', 'Shoes')]);
    view('sandal', 2);
    expect(popularity.top(T0, 'shoes')).toEqual(['sandal']);
    // A catalog product first seen now, in an event naming its category, and an item only events place there.
    for (const itemId of ['boot', 'boot', 'boot', 'boot', 'clog']) interactions.observe({ sessionId: 's', profileId: 'p', itemId, kind: 'view', at: T0, category: 'Shoes' });
    interactions.observe({ sessionId: 't', profileId: 'p', itemId: 'sandal', kind: 'view', at: T0, category: 'Shoes' });
    expect(popularity.top(T0 + 10_000, 'shoes')).toEqual(['boot', 'sandal', 'clog']);
  });
});
