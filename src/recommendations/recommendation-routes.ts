import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { RecommendationRequestSchema, RecommendationResponseSchema } from './recommendation-request.js';
import type { RecommendationService } from './recommendation-service.js';

/**
 * `POST /v1/recommendations`: the products a placement should show this shopper now. Called by sites
 * and apps, so it takes the write key like the tracking calls.
 */
export function registerRecommendationRoutes(app: FastifyInstance, deps: { recommendations: RecommendationService }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/recommendations',
    {
      config: { access: 'write' },
      validatorCompiler: typeboxValidatorCompiler({ unknownProperty: 'is not a recommendations field' }),
      schema: {
        tags: ['recommendations'],
        summary: 'Recommend products for a placement',
        description: 'Runs the placement’s chain of strategies (docs/recommendations.md) for the shopper and context; each item says which strategy produced it and why.',
        body: RecommendationRequestSchema,
        response: { 200: RecommendationResponseSchema },
      },
    },
    async (request) => deps.recommendations.recommend(request.body),
  );
}
