import { Type, type Static } from '@sinclair/typebox';
import { ProductIdSchema } from '../catalog/product.js';
import { ShopperIdentifierFields } from '../identity/request-identifiers.js';
import { STRATEGY_NAMES } from './strategies/strategy.js';

export const RecommendationRequestSchema = Type.Object(
  {
    ...ShopperIdentifierFields,
    placement: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'home, category, product, cart, email, search, store, or one defined at /v1/placements' }),
    context: Type.Optional(
      Type.Object(
        {
          product: Type.Optional(Type.Object({ id: ProductIdSchema }, { additionalProperties: false, description: 'the product on the page' })),
          products: Type.Optional(Type.Array(ProductIdSchema, { maxItems: 50, description: 'several products in context (e.g. a list or an e-mail)' })),
          cart: Type.Optional(Type.Array(ProductIdSchema, { maxItems: 200, description: 'the ids of the products in the cart' })),
          category: Type.Optional(
            Type.Union([Type.String({ minLength: 1, maxLength: 1000 }), Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 })], {
              description: 'the category in context: its path from the root, as an array or one string split on > (else /, else .)',
            }),
          ),
          query: Type.Optional(Type.String({ maxLength: 500, description: 'the search query in context' })),
          country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166 country code for territory rules; else the profile’s last location' })),
        },
        { additionalProperties: false },
      ),
    ),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'items wanted; the placement’s count by default' })),
  },
  { additionalProperties: false },
);
export type RecommendationRequest = Static<typeof RecommendationRequestSchema>;

const StrategyNameSchema = Type.Union(STRATEGY_NAMES.map((name) => Type.Literal(name)));

export const RecommendedItemSchema = Type.Object({
  productId: Type.String(),
  position: Type.Integer({ minimum: 1 }),
  score: Type.Number({ description: 'within the placement: 1 for the best item of its chain step, boosts and personalisation applied' }),
  strategy: Type.Union([StrategyNameSchema, Type.Literal('pinned')], { description: 'the strategy that produced the item; pinned when only a merchandiser’s pin put it there' }),
  pinned: Type.Optional(Type.Boolean({ description: 'placed at its position by a pin of the placement' })),
  reason: Type.String({ description: 'why the strategy chose it, in words' }),
  personalizedBy: Type.Optional(Type.String({ description: 'the affinity that raised it, when the placement personalises' })),
  boostedBy: Type.Optional(Type.Number({ description: 'the product of the boost and bury factors that applied' })),
  product: Type.Union([
    Type.Object({
      name: Type.String(),
      categoryPath: Type.Array(Type.String()),
      brand: Type.Union([Type.String(), Type.Null()]),
      price: Type.Union([Type.Number(), Type.Null()]),
      currency: Type.Union([Type.String(), Type.Null()]),
      inventory: Type.Union([Type.Integer(), Type.Null()]),
      imageUrl: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null({ description: 'a product the catalog does not know yet (events name it)' }),
  ]),
});

export const StrategyReportSchema = Type.Object({
  strategy: StrategyNameSchema,
  outcome: Type.Union(
    ['used', 'too_little_evidence', 'no_items', 'filtered_out', 'not_needed'].map((outcome) => Type.Literal(outcome)),
    { description: 'used; too_little_evidence (below the step’s minEvidence); no_items; filtered_out (the rules removed every item); not_needed (earlier steps filled the placement)' },
  ),
  evidence: Type.Number({ description: 'the data behind the strategy’s answer, in its own unit' }),
  minEvidence: Type.Number(),
  produced: Type.Integer({ description: 'items the strategy proposed' }),
  used: Type.Integer({ description: 'items of it in the response' }),
  removed: Type.Record(Type.String(), Type.Integer(), { description: 'items removed per merchandising rule' }),
});

export const RecommendationResponseSchema = Type.Object({
  placement: Type.String(),
  profileId: Type.Union([Type.String(), Type.Null()], { description: 'null for a shopper Kairos has not seen: the chain answers without a profile' }),
  items: Type.Array(RecommendedItemSchema),
  strategies: Type.Array(StrategyReportSchema, { description: 'every strategy of the chain, in order, and what it did' }),
  warming: Type.Boolean({ description: 'the models are still learning the event log after a start' }),
});
export type RecommendationResponse = Static<typeof RecommendationResponseSchema>;
export type RecommendedItem = Static<typeof RecommendedItemSchema>;
export type StrategyReport = Static<typeof StrategyReportSchema>;
