import { GrowableCounts } from './item-ids.js';

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
 * not by pairs (all pairs of a 200k-item catalog would not fit).
 */
export class CoOccurrence {
  private readonly neighbours: Array<Map<number, number> | undefined> = [];
  /** Baskets holding each item: the popularity that scores are normalised by. */
  private readonly baskets = new GrowableCounts();

  constructor(private readonly maxNeighbours = 50) {
    if (!Number.isInteger(maxNeighbours) || maxNeighbours < 1) throw new RangeError(`maxNeighbours is ${maxNeighbours}; it must be a positive integer`);
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
      const partners = this.neighbours[q];
      if (!partners) continue;
      const qBaskets = Math.max(1, this.baskets.get(q));
      for (const [j, count] of partners) {
        if (exclude.has(j)) continue;
        const score = count / Math.sqrt(qBaskets * Math.max(1, this.baskets.get(j)));
        const entry = scores.get(j);
        if (entry) {
          entry.score += score;
          entry.support += count;
        } else {
          scores.set(j, { index: j, score, support: count });
        }
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score || b.support - a.support || a.index - b.index).slice(0, limit);
  }

  private addDirected(from: number, to: number, weight: number): void {
    let partners = this.neighbours[from];
    if (!partners) this.neighbours[from] = partners = new Map();
    partners.set(to, (partners.get(to) ?? 0) + weight);
    if (partners.size > 2 * this.maxNeighbours) this.prune(from, partners);
  }

  private prune(from: number, partners: Map<number, number>): void {
    const strongest = [...partners].sort((a, b) => b[1] - a[1]).slice(0, this.maxNeighbours);
    this.neighbours[from] = new Map(strongest);
  }
}
