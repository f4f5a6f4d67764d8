import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { SlugSchema } from '../../campaigns/campaign.js';
import { ProductIdSchema } from '../../catalog/product.js';
import type { SchemaWording } from '../../shared/schema-problems.js';
import { STRATEGY_NAMES } from '../strategies/strategy.js';

/**
 * A placement is data: where recommendations are shown (home, product page, cart, …), the chain of
 * strategies that fills it and the merchandiser's rules on top (docs/recommendations.md, "Placements and
 * merchandising"). The schemas below are the stored, complete shape; `PlacementInputSchema` is the body
 * of a PUT, where most fields may be left out and take their documented defaults (placement-input.ts).
 * What a schema cannot say (a strategy twice, a pin beyond `count`, …) is checked by
 * placement-validation.ts.
 */
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const StrategyNameSchema = Type.Union(
  STRATEGY_NAMES.map((name) => Type.Literal(name)),
  { description: 'a strategy of docs/recommendations.md' },
);
const CategoryName = Type.String({ minLength: 1, maxLength: 200, description: 'a category name, matched at any level of a product’s path, case-insensitively' });
const AttributeName = Type.String({ minLength: 1, maxLength: 100, description: 'the name of a product attribute' });
const MatchValue = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]);

/** What a boost looks at: the brand, the category path (any level) or one attribute. */
export type AttributeField = 'brand' | 'category' | `attributes.${string}`;

export const AttributeMatchSchema = Type.Object(
  {
    field: Type.Unsafe<AttributeField>(Type.String({ pattern: '^(brand|category|attributes\\.\\S.{0,99})$', description: 'brand, category or attributes.<name>' })),
    equals: Type.Optional(MatchValue),
    in: Type.Optional(Type.Array(MatchValue, { minItems: 1, maxItems: 100 })),
  },
  {
    additionalProperties: false,
    description: 'exactly one of equals and in; values compare as text, case-insensitively (a CSV feed gives "true" and "42" as text); category matches any level of the path',
  },
);
export type AttributeMatch = Static<typeof AttributeMatchSchema>;

const ExcludeBoughtSchema = Type.Object(
  {
    withinDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'a purchase this many days ago or less counts' }),
    exceptCategories: Type.Array(CategoryName, { maxItems: 100, description: 'consumables by category: recommended again' }),
    exceptAttribute: nullable(AttributeName),
  },
  { additionalProperties: false, description: 'leave out what the shopper bought, except consumables (attribute exceptAttribute true, or in exceptCategories)' },
);

const ruleFields = {
  excludeOutOfStock: Type.Boolean({ description: 'leave out products with inventory 0 (null inventory is not tracked: in stock)' }),
  excludeBought: nullable(ExcludeBoughtSchema),
  blockedCategories: Type.Array(CategoryName, { maxItems: 100, description: 'never shown: any level of the path, case-insensitive' }),
  territory: nullable(
    Type.Object(
      { attribute: AttributeName },
      {
        additionalProperties: false,
        description: 'the attribute listing the country codes where a product may be shown ("US,CA" or "US CA"); without it a product is shown everywhere; with no known country nothing is filtered',
      },
    ),
  ),
  priceRange: nullable(
    Type.Object(
      { min: Type.Optional(Type.Number({ minimum: 0 })), max: Type.Optional(Type.Number({ minimum: 0 })) },
      { additionalProperties: false, description: 'inclusive; products without a price are left out when a range is set' },
    ),
  ),
  boosts: Type.Array(
    Type.Object(
      {
        match: AttributeMatchSchema,
        factor: Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'above 1 boosts, below 1 buries' }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 50, description: 'multiply the score of matching items; they move within the items of their own chain step' },
  ),
  pins: Type.Array(
    Type.Object(
      { productId: ProductIdSchema, position: Type.Integer({ minimum: 1, maximum: 100, description: '1-based, at most count' }) },
      { additionalProperties: false },
    ),
    { maxItems: 100, description: 'products placed at fixed positions, if they pass the filters' },
  ),
  diversity: nullable(
    Type.Object(
      { maxPerBrand: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), maxPerCategory: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
      { additionalProperties: false, description: 'at most this many items per brand, per category (the leaf of the path)' },
    ),
  ),
};

export const MerchandisingRulesSchema = Type.Object(ruleFields, { additionalProperties: false });
export type MerchandisingRules = Static<typeof MerchandisingRulesSchema>;

const ChainStepSchema = Type.Object(
  {
    strategy: StrategyNameSchema,
    minEvidence: Type.Number({ minimum: 0, description: 'the evidence the strategy needs to be used, in its own unit' }),
    maxItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'at most this many items from this step' })),
  },
  { additionalProperties: false },
);
export type ChainStep = Static<typeof ChainStepSchema>;

const PersonalizeSchema = nullable(
  Type.Object(
    { weight: Type.Number({ exclusiveMinimum: 0, maximum: 5, description: 'strength of the re-ranking by the shopper’s affinities' }) },
    { additionalProperties: false },
  ),
);

const definitionFields = {
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  count: Type.Integer({ minimum: 1, maximum: 100, description: 'items returned when the request does not ask for another count' }),
  chain: Type.Array(ChainStepSchema, { minItems: 1, maxItems: 10, description: 'strategies in order; each hands over to the next when it has too little evidence or too few items' }),
  fallbackToPopular: Type.Boolean({ description: 'popular ends the chain when it is not in it' }),
  personalize: PersonalizeSchema,
  rules: MerchandisingRulesSchema,
};

/** A placement's definition, complete: every default filled in. */
export const PlacementDefinitionSchema = Type.Object(definitionFields, { additionalProperties: false });
export type PlacementDefinition = Static<typeof PlacementDefinitionSchema>;

export interface Placement extends PlacementDefinition {
  id: string;
  /** 0 for a named placement's documented default; each PUT adds 1. */
  version: number;
  /** Epoch ms of the last PUT; null for a documented default. */
  updatedAt: number | null;
}

export const PlacementIdSchema = SlugSchema;

export const PlacementSchema = Type.Object({
  id: PlacementIdSchema,
  ...definitionFields,
  version: Type.Integer({ minimum: 0, description: '0: the documented default of a named placement' }),
  updatedAt: nullable(Type.String({ format: 'date-time', description: 'when it was last put; null for a documented default' })),
});
export type PlacementJson = Static<typeof PlacementSchema>;

/**
 * The body of `PUT /v1/placements/{id}`: it replaces the placement. A field left out takes its
 * default (default-placements.ts), not its previous value, so a PUT always says the whole placement.
 */
export const PlacementInputSchema = Type.Object(
  {
    description: definitionFields.description,
    count: definitionFields.count,
    chain: Type.Array(
      Type.Object(
        { ...ChainStepSchema.properties, minEvidence: Type.Optional(Type.Number({ minimum: 0, default: 1, description: 'default 1' })) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10, description: definitionFields.chain.description },
    ),
    fallbackToPopular: Type.Optional(Type.Boolean({ default: true, description: definitionFields.fallbackToPopular.description })),
    personalize: Type.Optional(PersonalizeSchema),
    rules: Type.Optional(
      Type.Partial(
        Type.Object({ ...ruleFields, excludeBought: nullable(Type.Partial(ExcludeBoughtSchema)) }, { additionalProperties: false }),
        { description: 'merchandising rules; a rule left out takes its default' },
      ),
    ),
    version: Type.Optional(Type.Integer({ minimum: 0, description: 'the version being replaced (optimistic concurrency); 0 for a documented default' })),
  },
  { additionalProperties: false },
);
export type PlacementInput = Static<typeof PlacementInputSchema>;

export const PLACEMENT_WORDING: SchemaWording = {
  patterns: {
    id: 'must be lower case letters, digits, - and _, at most 64',
    field: 'must be brand, category or attributes.<name>',
  },
  unknownProperty: 'is not a placement field',
};

/** The JSON shape: times as ISO 8601 strings, like the rest of the HTTP API. */
export function toPlacementJson(placement: Placement): PlacementJson {
  return { ...placement, updatedAt: placement.updatedAt === null ? null : new Date(placement.updatedAt).toISOString() };
}

/** The strategies a placement tries, in order: its chain, then `popular` unless it is in the chain or turned off. */
export function effectiveChain(placement: PlacementDefinition): ChainStep[] {
  const hasPopular = placement.chain.some((step) => step.strategy === 'popular');
  return placement.fallbackToPopular && !hasPopular ? [...placement.chain, { strategy: 'popular', minEvidence: 0 }] : placement.chain;
}
