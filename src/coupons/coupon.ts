import { Type, type Static } from '@sinclair/typebox';
import type { SchemaWording } from '../shared/schema-problems.js';

/**
 * A pool of unique, single-use coupon codes the retailer generated in its commerce platform. A code is
 * handed to one customer when a variant that quotes `{{ coupon.code }}` is delivered (the same customer
 * gets the same unredeemed code again), expires `validFor` after that or when the pool ends, and is
 * redeemed once.
 */
export const CouponPoolInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    description: Type.Optional(Type.String({ maxLength: 2000, description: 'what the code gives, e.g. "20% off shoes"' })),
    validFor: Type.Optional(Type.String({ pattern: '^\\d{1,6}[smhdw]$', default: '7d', description: 'how long a code stays valid once handed out, e.g. 48h, 7d' })),
    endsAt: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 time after which no code of the pool is valid' })),
  },
  { additionalProperties: false },
);
export type CouponPoolInput = Static<typeof CouponPoolInputSchema>;

export interface CouponPool extends CouponPoolInput {
  id: string;
  validFor: string;
  updatedAt: string;
}

export const CouponPoolSchema = Type.Object({ ...CouponPoolInputSchema.properties, id: Type.String(), validFor: Type.String(), updatedAt: Type.String({ format: 'date-time' }) });
export const CouponPoolIdSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });
export const CouponCodeSchema = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$', description: 'letters, digits, - and _, 3 to 64' });

/** A code handed to a customer: what templates see as `coupon`. */
export interface AssignedCoupon {
  code: string;
  poolId: string;
  expiresAt: number;
}

export type RedeemOutcome =
  | { status: 'redeemed'; poolId: string; profileId: string | null }
  | { status: 'already_redeemed'; redeemedAt: number }
  | { status: 'expired'; expiresAt: number }
  | { status: 'not_assigned' }
  | { status: 'unknown' };

export const COUPON_WORDING: SchemaWording = {
  patterns: {
    name: 'must not be blank',
    validFor: 'must be a duration such as 48h or 7d',
    codes: 'must be letters, digits, - and _, 3 to 64',
  },
  unknownProperty: 'is not a coupon pool field',
};
