import { Type, type Static } from '@sinclair/typebox';
import { CHANNELS } from '../ingestion/kairos-event.js';
import type { SchemaWording } from '../shared/schema-problems.js';

/**
 * A campaign is data: what the retailer wants to happen, to whom, when and how often. Shapes are TypeBox
 * schemas (validation and /openapi.json); conditions are checked by parse-condition.ts and templates by
 * liquidjs when a campaign is saved (campaign-validation.ts).
 */
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const INTERVENTION_KINDS = [
  'social_proof',
  'price',
  'urgency',
  'convenience',
  'loyalty_reminder',
  'pickup_ready',
  'recommendations',
  'custom',
] as const;

/** Where an intervention is delivered: pulled by a placement (web, app, kiosk) or pushed. */
export const DELIVERY_CHANNELS = ['web', 'app', 'kiosk', 'email', 'sms', 'push', 'webhook'] as const;
const PULLED_CHANNELS: ReadonlySet<string> = new Set(['web', 'app', 'kiosk']);

/** Whether a delivery channel is pulled by a shopper who is there (a placement), rather than pushed to one. */
export function isPulledChannel(channel: string): boolean {
  return PULLED_CHANNELS.has(channel);
}

const ConditionSchema = Type.Unknown({
  description: 'A condition of the condition language (docs/decisions.md): all/any/not, {path, <operator>}, {count, <operator>}',
});
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
/** The id of a variant, and the name of a placement (a trigger's `placements`, `/v1/placements/{id}`). */
export const SlugSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'lower case letters, digits, - and _' });
/** Checked with Date.parse when saved: TypeBox's checker knows no formats unless registered. */
const IsoTime = Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 time' });
const Duration = Type.String({ pattern: '^\\d{1,6}[smhdw]$', description: 'a duration such as 90s, 30m, 12h, 7d, 2w' });
const HourMinute = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM in the customer’s local time' });

export const TriggerSchema = Type.Union([
  Type.Object({ type: Type.Literal('placement'), placements: Type.Array(SlugSchema, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('event'), when: ConditionSchema }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('dwell'), seconds: Type.Integer({ minimum: 1, maximum: 3600 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('exit_intent') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('cart_abandonment'), after: Duration }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('geofence'), on: Type.Union([Type.Literal('enter'), Type.Literal('leave')]), storeIds: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 1000 })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('session_event_count'), count: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('propensity'), min: Type.Number({ minimum: 0, maximum: 1 }), max: Type.Number({ minimum: 0, maximum: 1 }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('loyalty_points'), atLeast: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('local_time'),
      at: HourMinute,
      on: Type.Optional(Type.Union([Type.Literal('every_day'), Type.Literal('birthday')])),
    },
    { additionalProperties: false },
  ),
]);
export type Trigger = Static<typeof TriggerSchema>;

export const VariantSchema = Type.Object(
  {
    id: SlugSchema,
    name: Type.Optional(Name),
    kind: Type.Union(INTERVENTION_KINDS.map((kind) => Type.Literal(kind))),
    channel: Type.Union(DELIVERY_CHANNELS.map((channel) => Type.Literal(channel))),
    content: Type.Object(
      {
        title: Type.Optional(Type.String({ maxLength: 2000 })),
        body: Type.String({ minLength: 1, maxLength: 20_000 }),
        cta: Type.Optional(Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }), url: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
        imageUrl: Type.Optional(Type.String({ maxLength: 2000 })),
      },
      { additionalProperties: false, description: 'Liquid templates (liquidjs), checked when saved' },
    ),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 1 })),
    offer: Type.Optional(
      Type.Object(
        { validFor: Duration },
        {
          additionalProperties: false,
          description: 'a time-limited offer: templates quote {{ offer.minutesLeft }}, {{ offer.until }} (HH:MM, the shopper’s time) and {{ offer.expiresAt }}; the intervention carries its expiresAt',
        },
      ),
    ),
    recommendations: Type.Optional(
      Type.Object(
        { placement: SlugSchema, count: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'products in the block; 4 when left out' })) },
        {
          additionalProperties: false,
          description:
            'a recommendation block: the products of this recommendation placement (/v1/placements) for the shopper and the product in context; templates loop {% for item in recommendations %} over item.name, item.price, item.currency, item.brand, item.imageUrl, item.reason. No products: the variant is not eligible',
        },
      ),
    ),
    coupon: Type.Optional(
      Type.Object(
        { pool: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }) },
        { additionalProperties: false, description: 'hand the customer a single-use code of this pool: templates quote {{ coupon.code }} and {{ coupon.expiresAt }}' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Variant = Static<typeof VariantSchema>;

export const CapsSchema = Type.Object(
  {
    perDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many of this campaign per profile per day' })),
    perWeek: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    minInterval: Type.Optional(Duration),
  },
  { additionalProperties: false, description: 'Frequency caps per profile over rolling windows: a day is the last 24 hours, a week the last 7 days' },
);

export const OPTIMIZATION_POLICIES = ['thompson_sampling'] as const;
/** The share of in-band decisions drawn uniformly when a campaign does not say. */
export const DEFAULT_EXPLORATION_FLOOR = 0.1;

export const OptimizationSchema = Type.Object(
  {
    policy: Type.Union(OPTIMIZATION_POLICIES.map((policy) => Type.Literal(policy)), { description: 'how the variant is chosen in the band: a contextual Thompson-sampling bandit' }),
    band: Type.Object(
      { min: Type.Number({ minimum: 0, maximum: 1 }), max: Type.Number({ minimum: 0, maximum: 1 }) },
      { additionalProperties: false, description: 'the session.purchaseProbability range in which the bandit chooses; outside it, the weighted draw' },
    ),
    explorationFloor: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        default: DEFAULT_EXPLORATION_FLOOR,
        description: 'share of in-band decisions drawn uniformly: every variant keeps a probability of at least explorationFloor / variants',
      }),
    ),
  },
  { additionalProperties: false, description: 'learn which variant converts best per context (docs/bandits.md); the holdout stays a fixed random control' },
);
export type Optimization = Static<typeof OptimizationSchema>;

export const CampaignInputSchema = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    status: Type.Optional(Type.Union(CAMPAIGN_STATUSES.map((status) => Type.Literal(status)), { default: 'draft' })),
    schedule: Type.Optional(Type.Object({ startsAt: Type.Optional(IsoTime), endsAt: Type.Optional(IsoTime) }, { additionalProperties: false })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 0, description: 'higher wins arbitration' })),
    goal: Type.Optional(
      Type.Object({ event: Type.String({ minLength: 1, maxLength: 200 }), within: Type.Optional(Duration) }, { additionalProperties: false, description: 'the conversion to measure' }),
    ),
    audience: Type.Optional(ConditionSchema),
    trigger: TriggerSchema,
    channels: Type.Optional(Type.Array(Type.Union(CHANNELS.map((channel) => Type.Literal(channel))), { description: 'the shopper channels it runs on; all when absent' })),
    variants: Type.Array(VariantSchema, { minItems: 1, maxItems: 20 }),
    caps: Type.Optional(CapsSchema),
    holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 0, description: 'share of profiles that get nothing and are logged as holdouts' })),
    optimization: Type.Optional(OptimizationSchema),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'on replace: the version being replaced (optimistic concurrency)' })),
  },
  { additionalProperties: false },
);
export type CampaignInput = Static<typeof CampaignInputSchema>;

export interface Campaign extends Omit<CampaignInput, 'status' | 'priority' | 'holdoutPercent' | 'version'> {
  id: string;
  status: CampaignStatus;
  priority: number;
  holdoutPercent: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const CampaignSchema = Type.Object({
  ...CampaignInputSchema.properties,
  id: Type.String(),
  status: Type.Union(CAMPAIGN_STATUSES.map((status) => Type.Literal(status))),
  priority: Type.Integer(),
  holdoutPercent: Type.Number(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CampaignIdSchema = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

export const CAMPAIGN_WORDING: SchemaWording = {
  patterns: {
    name: 'must not be blank',
    id: 'must be lower case letters, digits, - and _, at most 64',
    after: 'must be a duration such as 90s, 30m, 12h, 7d or 2w',
    within: 'must be a duration such as 90s, 30m, 12h, 7d or 2w',
    minInterval: 'must be a duration such as 90s, 30m, 12h, 7d or 2w',
    at: 'must be HH:MM (24-hour)',
  },
  unknownProperty: 'is not a campaign field',
};
