import type { ContentFacts, ContentIndex } from './content-index.js';
import type { InteractionModels } from './interaction-models.js';

/**
 * What the strategies know of an item beyond its interactions: the catalog's facts when the catalog
 * has the product, else the category its events named.
 */
/**
 * How long a category's member list is reused while the catalog does not change (items events add to
 * the category are appended meanwhile): long enough that rankings do not rebuild it per refresh, short
 * enough that catalog products first seen in interactions since then join their category's rankings soon.
 */
const MEMBERS_TTL_MS = 60_000;

interface Members {
  indices: Int32Array;
  /** The content index's version the list was built from. */
  contentVersion: number;
  /** How many of the category's event members it has taken. */
  eventMembers: number;
  at: number;
}

export class ItemCatalog {
  private readonly members = new Map<string, Members>();

  constructor(
    readonly content: ContentIndex,
    readonly interactions: InteractionModels,
  ) {}

  facts(itemId: string): ContentFacts | undefined {
    return this.content.facts(itemId);
  }

  /** Category names from the root, lower case; empty when nothing names the item's category. */
  categoriesOf(itemId: string): readonly string[] {
    const facts = this.content.facts(itemId);
    if (facts && facts.categories.length > 0) return facts.categories;
    const index = this.interactions.items.find(itemId);
    return (index === undefined ? undefined : this.interactions.eventCategoryOf(index)) ?? [];
  }

  /**
   * The interaction-model indices of the items in a category (any level of a path; the name in lower
   * case): the catalog's, less items never seen in an interaction, which no count ranks, then those
   * only events name. Cached: the rankings of three counts read the same list.
   */
  memberIndices(category: string, now: number): Int32Array {
    const events = this.interactions.eventCategoryMembers(category);
    const cached = this.members.get(category);
    if (cached && cached.contentVersion === this.content.version && now - cached.at < MEMBERS_TTL_MS && now >= cached.at) {
      // Events only ever add members, at the end of their list: take the new ones, not the whole
      // category again (a walk of every member's id, tens of ms for a large category, each refresh).
      if (events.length > cached.eventMembers) cached.indices = this.withEventMembers(cached.indices, events, cached.eventMembers);
      cached.eventMembers = events.length;
      return cached.indices;
    }
    const indices = new Set<number>();
    for (const itemId of this.content.productsIn(category)) {
      const index = this.interactions.items.find(itemId);
      if (index !== undefined) indices.add(index);
    }
    for (const index of events) indices.add(index);
    const list = Int32Array.from(indices);
    this.members.set(category, { indices: list, contentVersion: this.content.version, eventMembers: events.length, at: now });
    return list;
  }

  /** The list with the event members from `from` on that it does not hold yet (a few a refresh: a scan each is cheap). */
  private withEventMembers(list: Int32Array, events: readonly number[], from: number): Int32Array {
    const added = events.slice(from).filter((index) => !list.includes(index));
    if (added.length === 0) return list;
    const grown = new Int32Array(list.length + added.length);
    grown.set(list);
    grown.set(added, list.length);
    return grown;
  }
}
