import type { ContentFacts, ContentIndex } from './content-index.js';
import type { InteractionModels } from './interaction-models.js';

/**
 * What the strategies know of an item beyond its interactions: the catalog's facts when the catalog
 * has the product, else the category its events named.
 */
export class ItemCatalog {
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

  /** The items in a category (any level of a path; the name in lower case): the catalog's, then those only events name. */
  *membersOf(category: string): Iterable<string> {
    yield* this.content.productsIn(category);
    for (const index of this.interactions.eventCategoryMembers(category)) yield this.interactions.items.idOf(index);
  }
}
