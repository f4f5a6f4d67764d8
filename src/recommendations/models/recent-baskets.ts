/**
 * The open baskets (a session's items, a shopper's purchases of the last days) that new items are
 * paired with. Bounded: past `maxBaskets` the least recently touched basket is forgotten — a Map
 * iterates in insertion order, and a touched basket is re-inserted at the end.
 */
export class RecentBaskets {
  private readonly baskets = new Map<string, { items: number[]; lastAt: number }>();

  constructor(
    private readonly options: {
      /** Items kept per basket: a new item is paired with at most this many earlier ones. */
      maxItems: number;
      /** A basket idle longer than this starts again empty. */
      idleMs: number;
      maxBaskets: number;
    },
  ) {}

  /**
   * Adds the item to the key's basket and returns the items already in it, or null when the item was
   * there already (so a re-view neither counts the basket nor a pair twice).
   */
  add(key: string, item: number, at: number): number[] | null {
    let basket = this.baskets.get(key);
    if (basket && at - basket.lastAt > this.options.idleMs) basket = undefined;
    this.baskets.delete(key);
    if (!basket) basket = { items: [], lastAt: at };
    this.baskets.set(key, basket);
    basket.lastAt = Math.max(basket.lastAt, at);
    if (basket.items.includes(item)) return null;
    const partners = basket.items.slice();
    basket.items.push(item);
    if (basket.items.length > this.options.maxItems) basket.items.shift();
    if (this.baskets.size > this.options.maxBaskets) this.baskets.delete(this.baskets.keys().next().value as string);
    return partners;
  }
}
