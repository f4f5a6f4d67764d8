import type { ItemCatalog } from './item-catalog.js';
import type { ItemIds } from './item-ids.js';
import { topK } from './top-k.js';

/** Items kept per list: enough for any placement after merchandising filters. */
const LIST_SIZE = 500;

/**
 * The best items by some count (trending, sales, popularity), overall or within a category, cached
 * for `refreshMs` rather than computed per request. Overall, one pass picks the top items of the
 * whole catalog; within a category, only the category's members are scored (a category of a few
 * hundred items costs microseconds, not a pass over 200k).
 */
export class RankedItems {
  private overall: string[] = [];
  private computedAt = -Infinity;
  private readonly byCategory = new Map<string, string[]>();

  constructor(
    private readonly items: ItemIds,
    /** Orders items by index: any value proportional to the count at one moment (a decayed count needs no decay to be ranked). */
    private readonly score: (index: number) => number,
    private readonly catalog: ItemCatalog,
    private readonly refreshMs = 10_000,
  ) {}

  /** Items best first, within the category when one is given (any level of a path, case-insensitive). */
  top(now: number, category?: string): readonly string[] {
    if (now - this.computedAt >= this.refreshMs || now < this.computedAt) {
      this.computedAt = now;
      this.overall = topK(indices(this.items.size), LIST_SIZE, this.score).map((index) => this.items.idOf(index));
      this.byCategory.clear();
    }
    if (category === undefined) return this.overall;
    const key = category.toLowerCase();
    let list = this.byCategory.get(key);
    if (!list) {
      const members = new Set<number>();
      for (const itemId of this.catalog.membersOf(key)) {
        const index = this.items.find(itemId);
        if (index !== undefined) members.add(index);
      }
      this.byCategory.set(key, (list = topK(members, LIST_SIZE, this.score).map((index) => this.items.idOf(index))));
    }
    return list;
  }
}

function* indices(size: number): Iterable<number> {
  for (let index = 0; index < size; index++) yield index;
}
