import type { JsonObject, KairosEvent } from './kairos-event.js';

/**
 * The retail meaning of an event, read from Segment's e-commerce spec (v2) names and properties.
 * Profiles, the catalog counters and later the decisions all read events through this one function.
 */
export type CommerceKind =
  | 'product_view'
  | 'product_list_view'
  | 'cart_add'
  | 'cart_remove'
  | 'cart_view'
  | 'checkout'
  | 'purchase'
  | 'refund'
  | 'search'
  | 'wishlist_add'
  | 'coupon'
  | 'other';

export interface CommerceProduct {
  productId: string;
  category?: string;
  brand?: string;
  price?: number;
  quantity: number;
}

export interface CommerceFacts {
  kind: CommerceKind;
  products: CommerceProduct[];
  /** Order revenue for purchases (revenue, else total, else value, else the sum of product lines). */
  revenue?: number;
  orderId?: string;
  query?: string;
}

const KIND_BY_NAME: Record<string, CommerceKind> = {
  'product viewed': 'product_view',
  'product clicked': 'product_view',
  'product list viewed': 'product_list_view',
  'product list filtered': 'product_list_view',
  'product added': 'cart_add',
  'product removed': 'cart_remove',
  'cart viewed': 'cart_view',
  'checkout started': 'checkout',
  'checkout step viewed': 'checkout',
  'checkout step completed': 'checkout',
  'payment info entered': 'checkout',
  'order completed': 'purchase',
  'order refunded': 'refund',
  'order cancelled': 'refund',
  'products searched': 'search',
  'product added to wishlist': 'wishlist_add',
  'coupon entered': 'coupon',
  'coupon applied': 'coupon',
};

const NONE: CommerceFacts = { kind: 'other', products: [] };

export function interpretCommerce(event: KairosEvent): CommerceFacts {
  if (event.type !== 'track' || event.name === undefined) return NONE;
  const kind = KIND_BY_NAME[event.name.toLowerCase()];
  if (kind === undefined) return NONE;
  const props = event.properties;
  const facts: CommerceFacts = { kind, products: [] };
  if (kind === 'purchase' || kind === 'refund' || kind === 'cart_view' || kind === 'checkout') {
    const lines = Array.isArray(props.products) ? props.products : [];
    for (const line of lines) {
      if (typeof line === 'object' && line !== null) {
        const product = readProduct(line as JsonObject);
        if (product) facts.products.push(product);
      }
    }
    const orderId = text(props.order_id ?? props.orderId);
    if (orderId !== undefined) facts.orderId = orderId;
    const revenue = number(props.revenue) ?? number(props.total) ?? number(props.value) ?? sumLines(facts.products);
    if (revenue !== undefined) facts.revenue = revenue;
  } else if (kind === 'search') {
    const query = text(props.query);
    if (query !== undefined) facts.query = query;
  } else {
    const product = readProduct(props);
    if (product) facts.products.push(product);
  }
  return facts;
}

function readProduct(props: JsonObject): CommerceProduct | undefined {
  const productId = text(props.product_id ?? props.productId ?? props.sku ?? props.id);
  if (productId === undefined) return undefined;
  const product: CommerceProduct = { productId, quantity: Math.max(1, Math.floor(number(props.quantity) ?? 1)) };
  const category = text(props.category);
  if (category !== undefined) product.category = category;
  const brand = text(props.brand);
  if (brand !== undefined) product.brand = brand;
  const price = number(props.price);
  if (price !== undefined && price >= 0) product.price = price;
  return product;
}

function sumLines(products: CommerceProduct[]): number | undefined {
  let sum = 0;
  let priced = false;
  for (const product of products) {
    if (product.price !== undefined) {
      sum += product.price * product.quantity;
      priced = true;
    }
  }
  return priced ? sum : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}
