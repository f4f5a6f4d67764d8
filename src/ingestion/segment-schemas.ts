import { Type, type TSchema } from '@sinclair/typebox';
import { CHANNELS, EVENT_TYPES } from './kairos-event.js';

/**
 * The Segment HTTP Tracking API message shapes, plus Kairos' own context fields. These schemas
 * validate every incoming message (compiled in segment-validator.ts) and are published in /openapi.json.
 * Unknown top-level fields (integrations, _metadata, library fields) are allowed, as Segment allows them.
 */
const Identifier = Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Number()], {
  description: 'A string (or a number, as some Segment clients send) of at most 256 characters',
});
const Timestamp = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Number()], {
  description: 'ISO-8601 date-time, or epoch milliseconds',
});
const FreeObject = Type.Record(Type.String(), Type.Unknown());

export const KairosContextSchema = Type.Object(
  {
    channel: Type.Optional(Type.Union(CHANNELS.map((channel) => Type.Literal(channel)), { description: 'Where the event happened; web when absent' })),
    storeId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'The physical store, for store, pos and kiosk events' })),
    sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'An explicit session id; otherwise sessions end after 30 minutes of inactivity per channel' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the customer' })),
    location: Type.Optional(
      Type.Object(
        {
          latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          city: Type.Optional(Type.String({ maxLength: 128 })),
          country: Type.Optional(Type.String({ maxLength: 128 })),
          region: Type.Optional(Type.String({ maxLength: 128 })),
        },
        { additionalProperties: true },
      ),
    ),
    device: Type.Optional(
      Type.Object(
        { id: Type.Optional(Type.String({ maxLength: 256 })), type: Type.Optional(Type.String({ maxLength: 64 })) },
        { additionalProperties: true },
      ),
    ),
    traits: Type.Optional(FreeObject),
  },
  { additionalProperties: true, description: 'Segment context with Kairos fields: channel, storeId, sessionId, location, device' },
);

const common = {
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Unique per message; a replay with the same id is acknowledged and not stored twice' })),
  userId: Type.Optional(Identifier),
  anonymousId: Type.Optional(Identifier),
  timestamp: Type.Optional(Timestamp),
  originalTimestamp: Type.Optional(Timestamp),
  sentAt: Type.Optional(Timestamp),
  context: Type.Optional(KairosContextSchema),
  integrations: Type.Optional(FreeObject),
  writeKey: Type.Optional(Type.String()),
};

function message(type: string, fields: Record<string, TSchema>, description: string) {
  return Type.Object(
    { type: Type.Optional(Type.Literal(type)), ...common, ...fields },
    { additionalProperties: true, description },
  );
}

export const TrackSchema = message(
  'track',
  { event: Type.String({ minLength: 1, maxLength: 200 }), properties: Type.Optional(FreeObject) },
  'Something the customer did, e.g. Product Viewed or Order Completed (Segment e-commerce spec names are understood)',
);
export const IdentifySchema = message('identify', { traits: Type.Optional(FreeObject) }, 'Who the customer is: traits, and identifiers such as email, phone and loyaltyId');
export const PageSchema = message(
  'page',
  { name: Type.Optional(Type.String({ maxLength: 200 })), category: Type.Optional(Type.String({ maxLength: 200 })), properties: Type.Optional(FreeObject) },
  'A web page view',
);
export const ScreenSchema = message(
  'screen',
  { name: Type.Optional(Type.String({ maxLength: 200 })), category: Type.Optional(Type.String({ maxLength: 200 })), properties: Type.Optional(FreeObject) },
  'An app screen view',
);
export const GroupSchema = message('group', { groupId: Identifier, traits: Type.Optional(FreeObject) }, 'The customer joined a group (account, household)');
export const AliasSchema = message('alias', { previousId: Identifier, userId: Identifier }, 'Joins a previous identifier to a userId');

export const MESSAGE_SCHEMAS = {
  track: TrackSchema,
  identify: IdentifySchema,
  page: PageSchema,
  screen: ScreenSchema,
  group: GroupSchema,
  alias: AliasSchema,
} as const satisfies Record<(typeof EVENT_TYPES)[number], TSchema>;

export const BatchSchema = Type.Object(
  {
    batch: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'Messages, each with a `type` of track, identify, page, screen, group or alias',
    }),
    sentAt: Type.Optional(Timestamp),
    context: Type.Optional(FreeObject),
    writeKey: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const IngestResponseSchema = Type.Object({
  success: Type.Boolean(),
  accepted: Type.Integer({ description: 'Messages accepted (new or replays)' }),
  duplicates: Type.Integer({ description: 'Accepted replays of a messageId already stored' }),
});

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(
      Type.Object({ index: Type.Optional(Type.Integer()), field: Type.Optional(Type.String()), problem: Type.String() }),
    ),
  }),
  accepted: Type.Optional(Type.Integer({ description: 'In a batch with invalid messages: how many valid ones were stored' })),
});
