import { describe, expect, it } from 'vitest';
import { CoOccurrence } from './co-occurrence.js';
import { NeighbourLists } from './neighbour-lists.js';
import { RecentBaskets } from './recent-baskets.js';

function feed(model: CoOccurrence, baskets: number[][]): void {
  for (const basket of baskets) {
    basket.forEach((item, i) => {
      model.countBasket(item);
      for (const earlier of basket.slice(0, i)) model.addPair(earlier, item, 1);
    });
  }
}

describe('CoOccurrence', () => {
  it('ranks the item that goes with the query specifically above one that is in every basket', () => {
    const model = new CoOccurrence();
    // 9 is in every basket; 2 only ever appears with 1.
    feed(model, [[1, 2, 9], [1, 2, 9], [3, 9], [4, 9], [5, 9], [6, 9], [1, 9]]);
    const related = model.related([1], 5, new Set());
    expect(related.map((r) => r.index)).toEqual([2, 9]);
    expect(related[0]).toMatchObject({ support: 2 });
    expect(related[1]).toMatchObject({ support: 3 });
  });

  it('sums the evidence over a query of several items and leaves out excluded ones', () => {
    const model = new CoOccurrence();
    feed(model, [[1, 3], [2, 3], [1, 4], [2, 5], [1, 2]]);
    const related = model.related([1, 2], 5, new Set([1, 2]));
    expect(related[0]).toMatchObject({ index: 3, support: 2 });
    expect(related.map((r) => r.index)).not.toContain(1);
  });

  it('keeps the strongest partners when an item has more than its bound', () => {
    const model = new CoOccurrence(2);
    for (let i = 0; i < 10; i++) model.addPair(0, 100, 1);
    for (let i = 0; i < 5; i++) model.addPair(0, 200, 1);
    for (let partner = 1; partner <= 20; partner++) model.addPair(0, partner, 1);
    expect(model.related([0], 2, new Set()).map((r) => r.index)).toEqual([100, 200]);
  });
});

describe('RecentBaskets', () => {
  it('pairs a new item with the basket, counts a repeat as nothing and starts again after idling', () => {
    const baskets = new RecentBaskets({ maxItems: 2, idleMs: 1000, maxBaskets: 10 });
    expect(baskets.add('s', 1, 0)).toEqual([]);
    expect(baskets.add('s', 2, 10)).toEqual([1]);
    expect(baskets.add('s', 1, 20)).toBeNull();
    expect(baskets.add('s', 3, 30)).toEqual([1, 2]);
    expect(baskets.add('s', 4, 40)).toEqual([2, 3]);
    expect(baskets.add('s', 5, 2000)).toEqual([]);
  });

  it('forgets the least recently touched basket beyond its bound', () => {
    const baskets = new RecentBaskets({ maxItems: 5, idleMs: 1000, maxBaskets: 2 });
    baskets.add('a', 1, 0);
    baskets.add('b', 1, 1);
    baskets.add('a', 2, 2);
    baskets.add('c', 1, 3);
    expect(baskets.add('b', 2, 4)).toEqual([]);
    expect(baskets.add('a', 3, 5)).toEqual([]);
  });
});

describe('NeighbourLists', () => {
  it('accumulates weights per neighbour as a list moves through the slabs, for many items at once', () => {
    const lists = new NeighbourLists(40);
    for (let item = 0; item < 3000; item += 7) {
      for (let neighbour = 0; neighbour < 30; neighbour++) lists.add(item, neighbour * 3, 0.5 + (neighbour % 2));
      lists.add(item, 0, 2);
    }
    const seen = new Map<number, number>();
    lists.forEach(2996, (neighbour, weight) => seen.set(neighbour, weight));
    expect(seen.size).toBe(30);
    expect(seen.get(0)).toBe(2.5);
    expect(seen.get(3)).toBe(1.5);
    lists.forEach(2995, () => expect.fail('an item without a list has no neighbours'));
  });

  it('keeps the heaviest entries, the earlier on ties, and refuses to grow past its bound', () => {
    const lists = new NeighbourLists(4);
    [5, 1, 3, 3].forEach((weight, neighbour) => lists.add(0, neighbour, weight));
    expect(() => lists.add(0, 9, 1)).toThrow(/full/);
    lists.keepHeaviest(0, 2);
    const kept: number[] = [];
    lists.forEach(0, (neighbour) => kept.push(neighbour));
    expect(kept).toEqual([0, 2]);
    expect(lists.add(0, 9, 1)).toBe(3);
  });
});
