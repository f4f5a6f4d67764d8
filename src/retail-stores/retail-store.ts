import { Type, type Static } from '@sinclair/typebox';
import type { SchemaWording } from '../shared/schema-problems.js';

/**
 * A physical store is data: where it is, the area that counts as "in the store" (a circle around it or
 * a polygon), the Wi-Fi networks that put a phone inside it, its opening hours and its pickup point.
 * The presence detector (src/triggers/) turns location and Wi-Fi events into `Store Entered` / `Store Left`.
 */
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Point = Type.Object({ latitude: Latitude, longitude: Longitude }, { additionalProperties: false });
const TimeRange = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d$', description: 'HH:MM-HH:MM in the store’s time zone; 24:00 closes at midnight' });
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const GeofenceSchema = Type.Union([
  Type.Object({ type: Type.Literal('circle'), radiusMeters: Type.Number({ exclusiveMinimum: 0, maximum: 50_000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('polygon'), points: Type.Array(Point, { minItems: 3, maxItems: 500 }) }, { additionalProperties: false }),
]);
export type Geofence = Static<typeof GeofenceSchema>;

export const RetailStoreInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    location: Point,
    geofence: GeofenceSchema,
    wifi: Type.Optional(
      Type.Array(
        Type.Object(
          { ssid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), bssid: Type.Optional(Type.String({ pattern: '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$' })) },
          { additionalProperties: false, description: 'a network of the store: its BSSID (one access point) or its SSID (the network name)' },
        ),
        { maxItems: 200 },
      ),
    ),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the store; KAIROS_TIMEZONE when absent' })),
    openingHours: Type.Optional(
      Type.Partial(Type.Object(Object.fromEntries(WEEKDAYS.map((day) => [day, Type.Array(TimeRange, { maxItems: 6 })])) as Record<Weekday, ReturnType<typeof Type.Array<typeof TimeRange>>>), {
        additionalProperties: false,
        description: 'per weekday, the ranges the store is open; a day that is absent is closed; no openingHours: hours unknown',
      }),
    ),
    pickupPoint: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'where orders are collected, e.g. "the Customer Service Desk"' })),
  },
  { additionalProperties: false },
);
export type RetailStoreInput = Static<typeof RetailStoreInputSchema>;

export interface RetailStore extends RetailStoreInput {
  id: string;
  updatedAt: string;
}

export const RetailStoreSchema = Type.Object({ ...RetailStoreInputSchema.properties, id: Type.String(), updatedAt: Type.String({ format: 'date-time' }) });
export const RetailStoreIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' });

export const RETAIL_STORE_WORDING: SchemaWording = {
  patterns: {
    name: 'must not be blank',
    bssid: 'must be a MAC address such as 00:11:22:aa:bb:cc',
  },
  unknownProperty: 'is not a store field',
};
