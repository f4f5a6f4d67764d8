import type { ItemCatalog } from './item-catalog.js';

/** Lists kept per category: enough for any placement after merchandising filters. */
const PER_CATEGORY = 500;

/**
 * A ranking of all items by some count (trending, sales, popularity), recomputed at most every
 * `refreshMs` rather than per request: sorting 200k items takes milliseconds, reading a cached list
 * microseconds. Per-category lists are cut from the ranking on first use after each refresh.
 */
export class RankedItems {
  private ranked: string[] = [];
  private computedAt = -Infinity;
  private readonly byCategory = new Map<string, string[]>();

  constructor(
    private readonly rank: () => string[],
    private readonly catalog: ItemCatalog,
    private readonly refreshMs = 10_000,
  ) {}

  /** Items best first, within the category when one is given. */
  top(now: number, category?: string): readonly string[] {
    if (now - this.computedAt >= this.refreshMs || now < this.computedAt) {
      this.ranked = this.rank();
      this.computedAt = now;
      this.byCategory.clear();
    }
    if (category === undefined) return this.ranked;
    const key = category.toLowerCase();
    let list = this.byCategory.get(key);
    if (!list) {
      list = [];
      for (const id of this.ranked) {
        if (this.catalog.inCategory(id, key)) list.push(id);
        if (list.length >= PER_CATEGORY) break;
      }
      this.byCategory.set(key, list);
    }
    return list;
  }
}
