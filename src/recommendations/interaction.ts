import { activityKindOf, type ActivityKind } from '../catalog/product-activity.js';
import { interpretCommerce } from '../ingestion/ecommerce-spec.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';

/** What a shopper did with a product, as the recommendation models learn it (the catalog counters' kinds). */
export type InteractionKind = ActivityKind;

/**
 * One product interaction: the unit every recommendation model is fed, live from the bus, from the
 * event log at start and from a dataset file offline, so all three see the same thing.
 */
export interface Interaction {
  sessionId: string;
  profileId: string;
  itemId: string;
  kind: InteractionKind;
  /** Event time, epoch ms. */
  at: number;
  /** The product's category as the event names it, for items the catalog does not know. */
  category?: string;
  /** The order a purchase belongs to, when the event names one. */
  orderId?: string;
}

/** The interactions a stored event holds: one per product line of a view, cart add or purchase. */
export function interactionsOf(event: StoredEvent): Interaction[] {
  const facts = interpretCommerce(event);
  const kind = activityKindOf(facts.kind);
  if (kind === undefined) return [];
  return facts.products.map((product) => {
    const interaction: Interaction = { sessionId: event.sessionId, profileId: event.profileId, itemId: product.productId, kind, at: event.timestamp };
    if (product.category !== undefined) interaction.category = product.category;
    if (facts.orderId !== undefined) interaction.orderId = facts.orderId;
    return interaction;
  });
}
