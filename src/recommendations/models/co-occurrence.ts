import { GrowableCounts } from './item-ids.js';
import { NeighbourLists } from './neighbour-lists.js';

/** One item related to a query, with the co-occurrence behind it. */
export interface RelatedItem {
  index: number;
  score: number;
  /** How many baskets hold the item together with one of the query's items (summed over the query). */
  support: number;
}

/**
 * Item-to-item co-occurrence counts with a bounded neighbour list per item. Each item keeps its
 * strongest `maxNeighbours` partners: the list may grow to twice that, then the weakest half is
 * dropped — the "lossy counting" compromise of Manku and Motwani (VLDB 2002), which keeps every
 * partner whose share of the item's pairs is above 1/maxNeighbours while bounding memory by items,
 * not by pairs (all pairs of a 200k-item catalog would not fit). The lists live in typed arrays
 * (`NeighbourLists`), not a Map per item, to keep them out of the garbage collector's way.
 */
export class CoOccurrence {
  private readonly neighbours: NeighbourLists;
  /** Baskets holding each item: the popularity that scores are normalised by. */
  private readonly baskets = new GrowableCounts();

  constructor(private readonly maxNeighbours = 50) {
    if (!Number.isInteger(maxNeighbours) || maxNeighbours < 1) throw new RangeError(`maxNeighbours is ${maxNeighbours}; it must be a positive integer`);
    this.neighbours = new NeighbourLists(2 * maxNeighbours + 1);
  }

  /** An item joined a basket (once per basket). */
  countBasket(index: number): void {
    this.baskets.add(index, 1);
  }

  /** Two different items share a basket. */
  addPair(a: number, b: number, weight: number): void {
    this.addDirected(a, b, weight);
    this.addDirected(b, a, weight);
  }

  basketsOf(index: number): number {
    return this.baskets.get(index);
  }

  /**
   * The items most related to the query's, best first: the cosine of basket co-occurrence
   * (count(q, j) / √(baskets(q) · baskets(j)), summed over the query's items), so an item that is
   * everywhere does not outrank one that goes with the query specifically.
   */
  related(query: readonly number[], limit: number, exclude: ReadonlySet<number>): RelatedItem[] {
    const scores = new Map<number, RelatedItem>();
    for (const q of new Set(query)) {
      const qBaskets = Math.max(1, this.baskets.get(q));
      this.neighbours.forEach(q, (j, count) => {
        if (exclude.has(j)) return;
        const score = count / Math.sqrt(qBaskets * Math.max(1, this.baskets.get(j)));
        const entry = scores.get(j);
        if (entry) {
          entry.score += score;
          entry.support += count;
        } else {
          scores.set(j, { index: j, score, support: count });
        }
      });
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || b.support - a.support || a.index - b.index).slice(0, limit);
  }

  private addDirected(from: number, to: number, weight: number): void {
    if (this.neighbours.add(from, to, weight) === this.neighbours.maxLength) this.neighbours.keepHeaviest(from, this.maxNeighbours);
  }
}
