import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { SchemaWording } from '../shared/schema-problems.js';

/** A value of a product attribute: what a retailer's feed can say about colour, size, material, … */
export type AttributeValue = string | number | boolean;

/**
 * A product as the catalog knows it, after normalisation: the category path is split into its names
 * from the root, the currency is upper-case, and every optional field is present (null when unknown).
 */
export interface Product {
  id: string;
  name: string;
  categoryPath: string[];
  brand: string | null;
  price: number | null;
  currency: string | null;
  /** Units in stock; null when the retailer does not track stock for this product. */
  inventory: number | null;
  attributes: Record<string, AttributeValue>;
  imageUrl: string | null;
}

/** A product as stored: with the time it was last put or imported (epoch ms). */
export interface StoredProduct extends Product {
  updatedAt: number;
}

/**
 * A product as the catalog store hands it out: the very object its cache holds, frozen, so readers
 * share it instead of each getting a copy (a recommendation reads dozens, a search page hundreds).
 */
export type FrozenProduct = Readonly<Omit<StoredProduct, 'categoryPath' | 'attributes'>> & {
  readonly categoryPath: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
};

/** Freezes a product (its attributes are scalars) in place, so it can be shared with every reader. */
export function freezeProduct(product: StoredProduct): FrozenProduct {
  Object.freeze(product.categoryPath);
  Object.freeze(product.attributes);
  return Object.freeze(product);
}

/** Live counters of a product. Times are epoch ms. */
export interface LiveCounters {
  viewsLastHour: number;
  viewsToday: number;
  cartAddsLastHour: number;
  cartAddsToday: number;
  purchasesLastHour: number;
  purchasesToday: number;
  inventory: number | null;
  updatedAt: number;
}

/** What `GET /v1/catalog/products/{id}` shows, before times become ISO strings. */
export interface ProductView extends StoredProduct {
  live: LiveCounters;
}

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** How product problems are worded, for the PUT route and the file import alike. */
export const PRODUCT_WORDING: SchemaWording = {
  patterns: {
    name: 'must not be blank',
    currency: 'must be a 3-letter ISO 4217 code such as EUR',
    imageUrl: 'must be an absolute http(s) URL',
  },
  unknownProperty: 'is not a product field',
};

export const ProductIdSchema = Type.String({
  minLength: 1,
  maxLength: 256,
  description: "The retailer's product id, the same one its events carry.",
});

export const ProductParamsSchema = Type.Object({ id: ProductIdSchema });

const AttributeValueSchema = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]);

const AttributesSchema = Type.Record(Type.String({ maxLength: 100 }), AttributeValueSchema, {
  maxProperties: 200,
  description: 'Free-form attributes with scalar values, e.g. {"color": "red", "size": 42, "organic": true}.',
});

/*
 * A plain pattern rather than `format: 'uri'`: fastify's ajv and TypeBox's checker (used by the file
 * reader) both evaluate a pattern the same way, while formats need a registry on each side that could
 * disagree.
 */
const ImageUrlSchema = Type.String({
  maxLength: 2048,
  pattern: '^https?://\\S+$',
  description: 'Absolute http(s) URL of the main product image.',
});

/**
 * The body of `PUT /v1/catalog/products/{id}` and, with `id`, one row of an imported file. A PUT
 * replaces the product: a field left out becomes null (or empty), it does not keep its old value.
 */
export const ProductInputSchema = Type.Object(
  {
    name: Type.String({ maxLength: 1000, pattern: '\\S', description: 'Display name; not blank.' }),
    categoryPath: Type.Optional(
      Type.Union([Type.String({ maxLength: 1000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })], {
        description:
          "Category names from the root, e.g. [\"Shoes\", \"Running\"], or one string split on '>' (\"Shoes > Running\"), else on '/', else on '.'.",
      }),
    ),
    brand: Type.Optional(nullable(Type.String({ maxLength: 200, description: 'Brand name.' }))),
    price: Type.Optional(nullable(Type.Number({ minimum: 0, description: 'Current selling price, in `currency`.' }))),
    currency: Type.Optional(
      nullable(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code, e.g. EUR; stored upper-case.' })),
    ),
    inventory: Type.Optional(
      nullable(Type.Integer({ minimum: 0, description: 'Units in stock; null when stock is not tracked.' })),
    ),
    attributes: Type.Optional(AttributesSchema),
    imageUrl: Type.Optional(nullable(ImageUrlSchema)),
  },
  { additionalProperties: false, description: 'A product of the catalog; replaces the stored one.' },
);

export type ProductInput = Static<typeof ProductInputSchema>;

const LiveCountersSchema = Type.Object(
  {
    viewsLastHour: Type.Integer({ minimum: 0, description: 'Product views in the buckets of the last 60 minutes.' }),
    viewsToday: Type.Integer({ minimum: 0, description: 'Product views since local midnight.' }),
    cartAddsLastHour: Type.Integer({ minimum: 0, description: 'Units added to carts in the last hour.' }),
    cartAddsToday: Type.Integer({ minimum: 0, description: 'Units added to carts since local midnight.' }),
    purchasesLastHour: Type.Integer({ minimum: 0, description: 'Units purchased in the last hour.' }),
    purchasesToday: Type.Integer({ minimum: 0, description: 'Units purchased since local midnight.' }),
    inventory: nullable(Type.Integer({ description: 'Units in stock now, after the purchases seen; null when not tracked.' })),
    updatedAt: Type.String({ format: 'date-time', description: 'When these counters were read.' }),
  },
  {
    description:
      'Live counters, exact up to their 5-minute buckets: "last hour" sums the buckets that started in the last 60 ' +
      'minutes, so it covers between 55 and 60 minutes; "today" starts at midnight in the configured time zone.',
  },
);

export const ProductViewSchema = Type.Object(
  {
    id: ProductIdSchema,
    name: Type.String(),
    categoryPath: Type.Array(Type.String(), { description: 'Category names from the root.' }),
    brand: nullable(Type.String()),
    price: nullable(Type.Number()),
    currency: nullable(Type.String({ description: 'ISO 4217 code, upper-case.' })),
    inventory: nullable(Type.Integer({ description: 'Units in stock; null when not tracked.' })),
    attributes: AttributesSchema,
    imageUrl: nullable(Type.String()),
    updatedAt: Type.String({ format: 'date-time', description: 'When the product was last put or imported.' }),
    live: LiveCountersSchema,
  },
  { description: 'A product with its live counters.' },
);

export type ProductViewJson = Static<typeof ProductViewSchema>;

/** The JSON shape of a view: times as ISO 8601 strings, like the rest of the HTTP API. */
export function toProductViewJson(view: ProductView): ProductViewJson {
  return {
    ...view,
    updatedAt: new Date(view.updatedAt).toISOString(),
    live: { ...view.live, updatedAt: new Date(view.live.updatedAt).toISOString() },
  };
}
