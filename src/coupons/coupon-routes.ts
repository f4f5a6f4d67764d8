import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { COUPON_WORDING, CouponCodeSchema, CouponPoolIdSchema, CouponPoolInputSchema, CouponPoolSchema } from './coupon.js';
import { MAX_CODES_PER_UPLOAD, type CouponService } from './coupon-service.js';

const Params = Type.Object({ id: CouponPoolIdSchema });
const Counts = Type.Object({ available: Type.Integer(), assigned: Type.Integer(), redeemed: Type.Integer(), expired: Type.Integer() });
const Identifier = Type.String({ minLength: 1, maxLength: 256 });

/** Coupon pools (admin key) and redemption at the till (write key). */
export function registerCouponRoutes(app: FastifyInstance, deps: { coupons: CouponService }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { config: { access: 'admin' as const }, validatorCompiler: typeboxValidatorCompiler(COUPON_WORDING) };

  typed.put(
    '/v1/coupon-pools/:id',
    { ...admin, schema: { tags: ['coupons'], summary: 'Create or replace a coupon pool', params: Params, body: CouponPoolInputSchema, response: { 200: CouponPoolSchema, 201: CouponPoolSchema } } },
    async (request, reply) => {
      const { pool, created } = await deps.coupons.putPool(request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(pool);
    },
  );
  typed.get(
    '/v1/coupon-pools/:id',
    { ...admin, schema: { tags: ['coupons'], summary: 'Show a pool and how many of its codes are free, handed out, redeemed and expired', params: Params, response: { 200: Type.Object({ ...CouponPoolSchema.properties, codes: Counts }) } } },
    async (request) => deps.coupons.getPool(request.params.id),
  );
  typed.post(
    '/v1/coupon-pools/:id/codes',
    {
      ...admin,
      schema: {
        tags: ['coupons'],
        summary: `Add unique codes to a pool (at most ${MAX_CODES_PER_UPLOAD} per request); codes already known are skipped`,
        params: Params,
        body: Type.Object({ codes: Type.Array(CouponCodeSchema, { minItems: 1, maxItems: MAX_CODES_PER_UPLOAD }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ added: Type.Integer(), duplicates: Type.Integer() }) },
      },
    },
    async (request) => deps.coupons.addCodes(request.params.id, request.body.codes),
  );
  typed.post(
    '/v1/coupons/redeem',
    {
      config: { access: 'write' as const },
      validatorCompiler: typeboxValidatorCompiler(COUPON_WORDING),
      schema: {
        tags: ['coupons'],
        summary: 'Redeem a single-use code (at the till or checkout); 409 when used before, 410 when expired',
        body: Type.Object({ code: CouponCodeSchema, userId: Type.Optional(Identifier), anonymousId: Type.Optional(Identifier) }, { additionalProperties: false }),
        response: { 200: Type.Object({ code: Type.String(), poolId: Type.String(), redeemedAt: Type.String({ format: 'date-time' }) }) },
      },
    },
    async (request) => {
      const { code, ...shopper } = request.body;
      return deps.coupons.redeem(code, shopper);
    },
  );
}
