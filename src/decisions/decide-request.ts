import { Type, type Static } from '@sinclair/typebox';
import { ShopperIdentifierFields } from '../identity/request-identifiers.js';
import { CHANNELS } from '../ingestion/kairos-event.js';

export const DecideRequestSchema = Type.Object(
  {
    ...ShopperIdentifierFields,
    placement: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'the slot asking, e.g. product-page' })),
    channel: Type.Optional(Type.Union(CHANNELS.map((channel) => Type.Literal(channel)), { default: 'web' })),
    context: Type.Optional(
      Type.Object(
        {
          page: Type.Optional(Type.Object({ path: Type.Optional(Type.String({ maxLength: 2000 })), url: Type.Optional(Type.String({ maxLength: 4000 })), title: Type.Optional(Type.String({ maxLength: 1000 })) })),
          product: Type.Optional(Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) })),
          cart: Type.Optional(Type.Object({ value: Type.Optional(Type.Number({ minimum: 0 })), items: Type.Optional(Type.Integer({ minimum: 0 })), currency: Type.Optional(Type.String({ maxLength: 3 })) })),
          location: Type.Optional(Type.Object({ latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }) })),
          device: Type.Optional(Type.Object({ type: Type.Optional(Type.String({ maxLength: 100 })) })),
          timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone of the shopper, e.g. Europe/Paris' })),
        },
        { additionalProperties: false },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 1, description: 'interventions wanted at most' })),
    explain: Type.Optional(Type.Boolean({ description: 'include why: every campaign considered and what decided it' })),
    preview: Type.Optional(
      Type.Boolean({ description: 'decide without delivering: nothing is written to the history and no cap is spent (to test campaigns)' }),
    ),
  },
  { additionalProperties: false },
);
export type DecideRequest = Static<typeof DecideRequestSchema>;

export const InterventionSchema = Type.Object({
  campaignId: Type.String(),
  variantId: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  content: Type.Object({ title: Type.Optional(Type.String()), body: Type.String(), cta: Type.Optional(Type.Object({ label: Type.String(), url: Type.String() })), imageUrl: Type.Optional(Type.String()) }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'when a time-limited offer ends (variants with offer.validFor)' })),
});

export const ConsideredSchema = Type.Object({
  campaignId: Type.String(),
  priority: Type.Integer(),
  outcome: Type.String({ description: 'chosen, held_out, or the reason it was not eligible' }),
  detail: Type.Optional(Type.String()),
  expectedValue: Type.Optional(Type.Number({ description: 'measured conversion rate × value per exposure, which broke the tie of priority' })),
  variantScores: Type.Optional(
    Type.Array(
      Type.Object({
        variantId: Type.String(),
        sampled: Type.Number({ description: 'the conversion probability Thompson sampling drew' }),
        mean: Type.Number({ description: 'the posterior mean conversion probability in this context' }),
        propensity: Type.Number({ description: 'the probability the bandit had of choosing this variant' }),
      }),
      { description: 'when the campaign’s bandit chose the variant (docs/bandits.md)' },
    ),
  ),
});

export const DecideResponseSchema = Type.Object({
  decisionId: Type.String(),
  profileId: Type.Union([Type.String(), Type.Null()]),
  interventions: Type.Array(InterventionSchema),
  heldOut: Type.Array(Type.String(), { description: 'campaigns this profile is a holdout of that would have applied' }),
  why: Type.Optional(Type.Array(ConsideredSchema)),
});
export type DecideResponse = Static<typeof DecideResponseSchema>;
export type Intervention = Static<typeof InterventionSchema>;
export type Considered = Static<typeof ConsideredSchema>;
