import type { CommerceFacts } from '../ingestion/ecommerce-spec.js';
import type { JsonObject, KairosEvent } from '../ingestion/kairos-event.js';
import type { ProfileState } from './profile-state.js';

/** A POS or order system says the customer collected (or will never collect) an order. */
export const ORDER_PICKED_UP_EVENT = 'Order Picked Up';
const PICKUP_CLOSING_EVENTS = new Set([ORDER_PICKED_UP_EVENT, 'Order Cancelled', 'Order Refunded']);
/** How retailers' order events say "collect in store" (Segment's spec leaves the field free). */
const PICKUP_METHODS = new Set(['pickup', 'store_pickup', 'in_store_pickup', 'click_and_collect', 'bopis', 'collect']);
/** Track events that report the loyalty balance in `properties.balance`. */
export const LOYALTY_BALANCE_EVENTS = new Set(['Loyalty Points Updated', 'Loyalty Points Earned', 'Loyalty Points Redeemed']);
/** Orders awaiting pickup remembered per profile: more than this is a data problem, not a shopper. */
const MAX_PICKUPS = 20;

/**
 * Folds what the store needs to know: orders waiting for pickup (an order placed with a pickup method
 * and a store, until it is picked up, cancelled or refunded) and the loyalty balance (from identify
 * traits `loyaltyPoints` or a loyalty event's `properties.balance`). Returns whether the balance changed.
 */
export function applyPickupsAndLoyalty(state: ProfileState, event: KairosEvent, facts: CommerceFacts): boolean {
  if (facts.kind === 'purchase' && facts.orderId !== undefined) rememberPickup(state, event, facts.orderId);
  if (event.type === 'track' && event.name !== undefined && PICKUP_CLOSING_EVENTS.has(event.name) && state.pickups) {
    const orderId = text(event.properties.order_id ?? event.properties.orderId);
    state.pickups = state.pickups.filter((pickup) => pickup.orderId !== orderId);
    if (state.pickups.length === 0) delete state.pickups;
  }
  const balance = loyaltyBalanceOf(event);
  if (balance === undefined || (state.loyalty !== undefined && state.loyalty.at > event.timestamp)) return false;
  state.loyalty = { points: balance, previousPoints: state.loyalty?.points ?? 0, at: event.timestamp };
  return true;
}

/** The balance an event reports, if it reports one. */
export function loyaltyBalanceOf(event: KairosEvent): number | undefined {
  let raw: unknown;
  if (event.type === 'identify') raw = event.traits.loyaltyPoints ?? event.traits.loyalty_points;
  else if (event.type === 'track' && event.name !== undefined && LOYALTY_BALANCE_EVENTS.has(event.name)) raw = event.properties.balance;
  const balance = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof balance === 'number' && Number.isFinite(balance) && balance >= 0 ? balance : undefined;
}

function rememberPickup(state: ProfileState, event: KairosEvent, orderId: string): void {
  const properties = event.properties as JsonObject;
  const method = text(properties.fulfillment ?? properties.fulfilment ?? properties.shipping_method ?? properties.shippingMethod)?.toLowerCase();
  const storeId = text(properties.store_id ?? properties.storeId) ?? event.storeId;
  if (method === undefined || !PICKUP_METHODS.has(method) || storeId === undefined) return;
  const pickups = (state.pickups ?? []).filter((pickup) => pickup.orderId !== orderId);
  pickups.push({ orderId, storeId, at: event.timestamp });
  state.pickups = pickups.slice(-MAX_PICKUPS);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
