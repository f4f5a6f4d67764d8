import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CampaignIdSchema } from '../campaigns/campaign.js';
import type { CampaignService } from '../campaigns/campaign-service.js';
import type {} from '../server/route-access.js';
import type { CampaignMeasurement } from './campaign-measurement.js';

const Arm = { exposures: Type.Integer(), conversions: Type.Integer(), conversionRate: Type.Union([Type.Number(), Type.Null()]), value: Type.Number() };
const Nullable = (schema: ReturnType<typeof Type.Number>) => Type.Union([schema, Type.Null()]);
const Lift = Type.Union([Type.Object({ absolute: Type.Number(), relative: Nullable(Type.Number()), ci95: Type.Tuple([Type.Number(), Type.Number()]) }), Type.Null()], {
  description: 'treatment (or variant) rate minus holdout rate with a 95% normal-approximation interval; null until both have exposures',
});

/** A campaign's measured results: both arms, per variant, lift with its interval, incremental conversions and revenue. */
export function registerResultsRoutes(app: FastifyInstance, deps: { campaigns: Pick<CampaignService, 'get'>; measurement: CampaignMeasurement }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/campaigns/:id/results',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['campaigns'],
        summary: 'Exposures and attributed conversions of the treatment and the holdout, and the lift',
        params: Type.Object({ id: CampaignIdSchema }),
        response: {
          200: Type.Object({
            campaignId: Type.String(),
            treatment: Type.Object({ ...Arm, variants: Type.Array(Type.Object({ variantId: Type.String(), ...Arm, lift: Lift })) }),
            holdout: Type.Object(Arm),
            lift: Lift,
            incrementalConversions: Nullable(Type.Number()),
            incrementalValue: Nullable(Type.Number()),
          }),
        },
      },
    },
    async (request) => {
      await deps.campaigns.get(request.params.id);
      return deps.measurement.results(request.params.id);
    },
  );
}
