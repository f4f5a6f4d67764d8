import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CampaignIdSchema } from '../campaigns/campaign.js';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { CandidatePolicySchema, PolicyEvaluationRequestSchema, type PolicyEvaluation } from './policy-evaluation.js';

const Interval = Type.Tuple([Type.Number(), Type.Number()]);
const Estimate = Type.Object({ value: Type.Number(), ci95: Interval });

/** Off-policy evaluation of a campaign's variant choice (admin key). */
export function registerPolicyEvaluationRoutes(app: FastifyInstance, deps: { evaluation: PolicyEvaluation }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/campaigns/:id/policy-evaluation',
    {
      config: { access: 'admin' },
      validatorCompiler: typeboxValidatorCompiler({ unknownProperty: 'is not a policy-evaluation field' }),
      schema: {
        tags: ['campaigns'],
        summary: 'Estimate what other ways of choosing the variant would have converted, from the logged decisions (IPS, self-normalised IPS, direct method, doubly robust)',
        params: Type.Object({ id: CampaignIdSchema }),
        body: PolicyEvaluationRequestSchema,
        response: {
          200: Type.Object({
            campaignId: Type.String(),
            decisions: Type.Integer({ description: 'logged decisions whose attribution window has closed' }),
            from: Type.Union([Type.String(), Type.Null()]),
            to: Type.Union([Type.String(), Type.Null()]),
            logged: Type.Union([Estimate, Type.Null()], { description: 'conversions per delivery of what was actually done' }),
            policies: Type.Array(
              Type.Object({
                policy: CandidatePolicySchema,
                estimates: Type.Union([
                  Type.Object({ ips: Estimate, selfNormalizedIps: Estimate, directMethod: Estimate, doublyRobust: Estimate, effectiveSampleSize: Type.Number() }),
                  Type.Null(),
                ]),
                unavailable: Type.Integer({ description: 'decisions where an always-policy’s variant was not among those possible (counted as uniform there)' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => deps.evaluation.evaluate(request.params.id, request.body),
  );
}
