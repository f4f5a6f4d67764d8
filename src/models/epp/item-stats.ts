import type { CommerceFacts } from '../../ingestion/ecommerce-spec.js';

/** What the stream has shown of one item or category so far. */
export interface ItemCounts {
  views: number;
  cartAdds: number;
  purchases: number;
}

/** Serialised counters: [id, views, cartAdds, purchases] rows. */
export type ItemCountRows = Array<[string, number, number, number]>;

export interface ItemStatsState {
  items: ItemCountRows;
  categories: ItemCountRows;
}

/** Items and categories tracked at most; when full, the least-viewed half is forgotten. */
const MAX_TRACKED = 300_000;
/** Rows kept in a model artifact: the most-viewed, which are the ones a new session meets. */
const MAX_SERIALISED = 50_000;

/**
 * Streaming popularity and conversion counters per item and per category: the "items in the session"
 * features. They only ever hold the past, offline (the trainer replays events in time order) and live
 * (the scorer adds each committed batch), so a test example never sees its own future.
 */
export class ItemStats {
  private readonly items = new Map<string, ItemCounts>();
  private readonly categories = new Map<string, ItemCounts>();

  item(id: string): ItemCounts | undefined {
    return this.items.get(id);
  }

  category(id: string): ItemCounts | undefined {
    return this.categories.get(id);
  }

  add(facts: CommerceFacts): void {
    const field = facts.kind === 'product_view' ? 'views' : facts.kind === 'cart_add' ? 'cartAdds' : facts.kind === 'purchase' ? 'purchases' : undefined;
    if (field === undefined) return;
    for (const product of facts.products) {
      count(this.items, product.productId, field);
      if (product.category !== undefined) count(this.categories, product.category, field);
    }
  }

  toState(): ItemStatsState {
    return { items: topRows(this.items), categories: topRows(this.categories) };
  }

  static fromState(state: ItemStatsState): ItemStats {
    const stats = new ItemStats();
    for (const [id, views, cartAdds, purchases] of state.items) stats.items.set(id, { views, cartAdds, purchases });
    for (const [id, views, cartAdds, purchases] of state.categories) stats.categories.set(id, { views, cartAdds, purchases });
    return stats;
  }
}

/**
 * A per-view rate (purchases or cart adds) smoothed towards zero for items seen few times, so one view
 * that happened to buy does not read as a sure thing.
 */
export function smoothedRate(counts: ItemCounts | undefined, field: 'purchases' | 'cartAdds'): number {
  return ((counts?.[field] ?? 0) + 0.05) / ((counts?.views ?? 0) + 20);
}

function count(map: Map<string, ItemCounts>, id: string, field: keyof ItemCounts): void {
  let counts = map.get(id);
  if (counts === undefined) {
    if (map.size >= MAX_TRACKED) forgetLeastViewed(map);
    counts = { views: 0, cartAdds: 0, purchases: 0 };
    map.set(id, counts);
  }
  counts[field] += 1;
}

function forgetLeastViewed(map: Map<string, ItemCounts>): void {
  const views = [...map.values()].map((counts) => counts.views).sort((a, b) => a - b);
  const median = views[Math.floor(views.length / 2)]!;
  for (const [id, counts] of map) if (counts.views <= median) map.delete(id);
}

function topRows(map: Map<string, ItemCounts>): ItemCountRows {
  return [...map]
    .sort(([, a], [, b]) => b.views - a.views)
    .slice(0, MAX_SERIALISED)
    .map(([id, counts]) => [id, counts.views, counts.cartAdds, counts.purchases]);
}
