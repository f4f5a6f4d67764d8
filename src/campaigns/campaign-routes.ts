import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_WORDING, CampaignIdSchema, CampaignInputSchema, CampaignSchema } from './campaign.js';
import type { CampaignService } from './campaign-service.js';

const Params = Type.Object({ id: CampaignIdSchema });
const StatusSchema = Type.Union(CAMPAIGN_STATUSES.map((status) => Type.Literal(status)));

/** The admin API of campaigns (admin key). Validation problems name the field; conflicts are 409. */
export function registerCampaignRoutes(app: FastifyInstance, deps: { campaigns: CampaignService }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { config: { access: 'admin' as const }, validatorCompiler: typeboxValidatorCompiler(CAMPAIGN_WORDING) };

  typed.post(
    '/v1/campaigns',
    { ...common, schema: { tags: ['campaigns'], summary: 'Create a campaign', body: CampaignInputSchema, response: { 201: CampaignSchema } } },
    async (request, reply) => reply.code(201).send(await deps.campaigns.create(request.body)),
  );
  typed.get(
    '/v1/campaigns',
    {
      ...common,
      schema: {
        tags: ['campaigns'],
        summary: 'List campaigns, newest first',
        querystring: Type.Object({ status: Type.Optional(StatusSchema) }, { additionalProperties: false }),
        response: { 200: Type.Object({ campaigns: Type.Array(CampaignSchema) }) },
      },
    },
    async (request) => ({ campaigns: await deps.campaigns.list(request.query.status) }),
  );
  typed.get(
    '/v1/campaigns/:id',
    { ...common, schema: { tags: ['campaigns'], summary: 'Show a campaign', params: Params, response: { 200: CampaignSchema } } },
    async (request) => deps.campaigns.get(request.params.id),
  );
  typed.put(
    '/v1/campaigns/:id',
    {
      ...common,
      schema: { tags: ['campaigns'], summary: 'Replace a campaign (send `version` to guard against concurrent edits)', params: Params, body: CampaignInputSchema, response: { 200: CampaignSchema } },
    },
    async (request) => deps.campaigns.replace(request.params.id, request.body),
  );
  typed.put(
    '/v1/campaigns/:id/status',
    {
      ...common,
      schema: {
        tags: ['campaigns'],
        summary: 'Activate, pause or end a campaign',
        params: Params,
        body: Type.Object({ status: StatusSchema }, { additionalProperties: false }),
        response: { 200: CampaignSchema },
      },
    },
    async (request) => deps.campaigns.setStatus(request.params.id, request.body.status),
  );
  typed.delete(
    '/v1/campaigns/:id',
    { ...common, schema: { tags: ['campaigns'], summary: 'Delete a draft campaign', params: Params, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deps.campaigns.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
