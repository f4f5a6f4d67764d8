import type { ContentFacts, ContentIndex } from './content-index.js';
import type { InteractionModels } from './interaction-models.js';

/**
 * What the strategies know of an item beyond its interactions: the catalog's facts when the catalog
 * has the product, else the category its events named.
 */
/**
 * How long a category's member list is reused while neither the catalog nor the categories events
 * name change: long enough that rankings do not rebuild it per refresh, short enough that catalog
 * products first seen in interactions since then join their category's rankings soon.
 */
const MEMBERS_TTL_MS = 60_000;

interface Members {
  indices: Int32Array;
  version: string;
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
   * The interaction-model indices of the items in a category (`membersOf`, less items never seen in
   * an interaction, which no count ranks), cached: the rankings of three counts read the same list.
   */
  memberIndices(category: string, now: number): Int32Array {
    // Events only ever add members to a category, so their count stands for their version.
    const version = `${this.content.version}/${this.interactions.eventCategoryMembers(category).length}`;
    const cached = this.members.get(category);
    if (cached && cached.version === version && now - cached.at < MEMBERS_TTL_MS && now >= cached.at) return cached.indices;
    const indices = new Set<number>();
    for (const itemId of this.membersOf(category)) {
      const index = this.interactions.items.find(itemId);
      if (index !== undefined) indices.add(index);
    }
    const list = Int32Array.from(indices);
    this.members.set(category, { indices: list, version, at: now });
    return list;
  }

  /** The items in a category (any level of a path; the name in lower case): the catalog's, then those only events name. */
  *membersOf(category: string): Iterable<string> {
    yield* this.content.productsIn(category);
    for (const index of this.interactions.eventCategoryMembers(category)) yield this.interactions.items.idOf(index);
  }
}
