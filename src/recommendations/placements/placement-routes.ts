import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../../server/route-access.js';
import { typeboxValidatorCompiler } from '../../server/typebox-validator-compiler.js';
import { PLACEMENT_WORDING, PlacementIdSchema, PlacementInputSchema, PlacementSchema, toPlacementJson } from './placement.js';
import type { PlacementService } from './placement-service.js';

const Params = Type.Object({ id: PlacementIdSchema });

/** The admin API of recommendation placements: their strategy chains and merchandising rules. */
export function registerPlacementRoutes(app: FastifyInstance, deps: { placements: PlacementService }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { config: { access: 'admin' as const }, validatorCompiler: typeboxValidatorCompiler(PLACEMENT_WORDING) };
  const tags = ['recommendations'];

  typed.get(
    '/v1/placements',
    { ...common, schema: { tags, summary: 'List the placements: the seven named ones, then custom ones by id', response: { 200: Type.Object({ placements: Type.Array(PlacementSchema) }) } } },
    async () => ({ placements: (await deps.placements.list()).map(toPlacementJson) }),
  );
  typed.get(
    '/v1/placements/:id',
    { ...common, schema: { tags, summary: 'Show a placement (a named one shows its default until overridden)', params: Params, response: { 200: PlacementSchema } } },
    async (request) => toPlacementJson(await deps.placements.get(request.params.id)),
  );
  typed.put(
    '/v1/placements/:id',
    {
      ...common,
      schema: {
        tags,
        summary: 'Override a named placement or create or replace a custom one (send `version` to guard against concurrent edits)',
        params: Params,
        body: PlacementInputSchema,
        response: { 200: PlacementSchema, 201: PlacementSchema },
      },
    },
    async (request, reply) => {
      const { placement, created } = await deps.placements.put(request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(toPlacementJson(placement));
    },
  );
  typed.delete(
    '/v1/placements/:id',
    { ...common, schema: { tags, summary: 'Restore a named placement’s default, or delete a custom placement', params: Params, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deps.placements.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
