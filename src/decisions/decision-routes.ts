import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { DecideRequestSchema, DecideResponseSchema } from './decide-request.js';
import type { DecisionEngine } from './decision-engine.js';

/**
 * `POST /v1/decide`: what a placement should show this shopper now. Called by sites and apps, so it
 * takes the write key like the tracking calls.
 */
export function registerDecisionRoutes(app: FastifyInstance, deps: { decisions: DecisionEngine }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/decide',
    {
      config: { access: 'write' },
      validatorCompiler: typeboxValidatorCompiler({ unknownProperty: 'is not a decide field' }),
      schema: { tags: ['decisions'], summary: 'Decide the next best action for a placement', body: DecideRequestSchema, response: { 200: DecideResponseSchema } },
    },
    async (request) => deps.decisions.decide(request.body),
  );
}
