import type { ItemCatalog } from './item-catalog.js';
import type { ItemIds } from './item-ids.js';
import { topIndices } from './top-k.js';

/** Items kept per list: enough for any placement after merchandising filters. */
const LIST_SIZE = 500;

/**
 * The best items by some count (trending, sales, popularity), overall or within a category, cached
 * for `refreshMs` rather than computed per request. Overall, one pass picks the top items of the
 * whole catalog; within a category, only the category's members are scored (a category of a few
 * hundred items costs microseconds, not a pass over 200k).
 */
export class RankedItems {
  private overall: Ranking = { items: [], at: -Infinity };
  /** Each category's ranking has its own age, so their refreshes spread over time instead of all falling due together. */
  private readonly byCategory = new Map<string, Ranking>();

  constructor(
    private readonly items: ItemIds,
    /** Orders items by index: any value proportional to the count at one moment (a decayed count needs no decay to be ranked). */
    private readonly score: (index: number) => number,
    private readonly catalog: ItemCatalog,
    private readonly refreshMs = 10_000,
  ) {}

  /** Items best first, within the category when one is given (any level of a path, case-insensitive). */
  top(now: number, category?: string): readonly string[] {
    if (category === undefined) {
      if (this.isStale(this.overall, now)) this.overall = { items: this.ranked(this.items.size), at: now };
      return this.overall.items;
    }
    const key = category.toLowerCase();
    let ranking = this.byCategory.get(key);
    if (!ranking || this.isStale(ranking, now)) {
      ranking = { items: this.ranked(this.catalog.memberIndices(key, now)), at: now };
      this.byCategory.set(key, ranking);
    }
    return ranking.items;
  }

  private isStale(ranking: Ranking, now: number): boolean {
    return now - ranking.at >= this.refreshMs || now < ranking.at;
  }

  /** `candidates`: the indices to rank, or a count meaning every item below it. */
  private ranked(candidates: Int32Array | number): string[] {
    return topIndices(candidates, LIST_SIZE, this.score).map((index) => this.items.idOf(index));
  }
}

interface Ranking {
  items: string[];
  at: number;
}
