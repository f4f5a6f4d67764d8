import { Type, type Static } from '@sinclair/typebox';
import { ShopperIdentifierFields } from '../identity/request-identifiers.js';
import { ProductIdSchema } from '../catalog/product.js';

/** Results a request may carry: a search page is 20–100; 500 leaves room for a re-ranked deep list. */
export const MAX_RERANK_RESULTS = 500;

export const RerankRequestSchema = Type.Object(
  {
    ...ShopperIdentifierFields,
    query: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'What the shopper typed into the search box.' }),
    results: Type.Array(
      Type.Object(
        {
          productId: ProductIdSchema,
          score: Type.Optional(Type.Number({ description: "The engine's relevance score (≥ 0); over the best one it is the prior when every result has one, else the rank is." })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_RERANK_RESULTS, description: "The retailer's search engine's results, best first; product ids unique." },
    ),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RERANK_RESULTS, description: 'Results to return, the best first; all of them by default.' })),
    explain: Type.Optional(Type.Boolean({ description: 'Say why each result is where it is (reasons).' })),
  },
  { additionalProperties: false },
);
export type RerankRequest = Static<typeof RerankRequestSchema>;

const AssociationSchema = Type.Object({
  kind: Type.Union([Type.Literal('category'), Type.Literal('brand'), Type.Literal('product')]),
  label: Type.String(),
  share: Type.Number({ description: 'Share of the choices after this term that went to it, in [0, 1].' }),
});

export const LearnedTermSchema = Type.Object({
  term: Type.String({ description: 'A normalised term of the query, or the whole query.' }),
  evidence: Type.Integer({ description: 'Choices (product views, cart adds, purchases) learned after searching it.' }),
  associations: Type.Array(AssociationSchema, { description: 'The strongest, at most 3.' }),
});

export const RerankResponseSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      productId: Type.String(),
      position: Type.Integer({ minimum: 1, description: 'Place in the re-ranked list, from 1.' }),
      originalPosition: Type.Integer({ minimum: 1, description: "Place in the engine's list, from 1." }),
      score: Type.Number({ description: 'prior + 0.6·vocabulary + 0.3·affinity + 0.3·session (docs/recommendations.md).' }),
      reasons: Type.Array(Type.String(), { description: 'Why, strongest first; only with explain.' }),
    }),
  ),
  profileId: Type.Union([Type.String(), Type.Null()], { description: 'null for a shopper Kairos does not know: vocabulary-only re-ranking.' }),
  learnedTerms: Type.Array(LearnedTermSchema, { description: 'What the query’s keys have learned; empty when nothing yet.' }),
});
export type RerankResponse = Static<typeof RerankResponseSchema>;
export type LearnedTerm = Static<typeof LearnedTermSchema>;
