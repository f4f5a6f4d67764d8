import { LRUCache } from 'lru-cache';

/**
 * The open baskets (a session's items, a shopper's purchases of the last days) that new items are
 * paired with. Bounded: past `maxBaskets` the least recently touched basket is forgotten (an LRU
 * cache: a Map re-inserted on every touch leaves tombstones that make finding its oldest entry slow).
 */
export class RecentBaskets {
  private readonly baskets: LRUCache<string, { items: number[]; lastAt: number }>;

  constructor(
    private readonly options: {
      /** Items kept per basket: a new item is paired with at most this many earlier ones. */
      maxItems: number;
      /** A basket idle longer than this starts again empty. */
      idleMs: number;
      maxBaskets: number;
    },
  ) {
    this.baskets = new LRUCache({ max: options.maxBaskets });
  }

  /**
   * Adds the item to the key's basket and returns the items already in it, or null when the item was
   * there already (so a re-view neither counts the basket nor a pair twice).
   */
  add(key: string, item: number, at: number): number[] | null {
    let basket = this.baskets.get(key);
    if (!basket || at - basket.lastAt > this.options.idleMs) this.baskets.set(key, (basket = { items: [], lastAt: at }));
    basket.lastAt = Math.max(basket.lastAt, at);
    if (basket.items.includes(item)) return null;
    const partners = basket.items.slice();
    basket.items.push(item);
    if (basket.items.length > this.options.maxItems) basket.items.shift();
    return partners;
  }
}
