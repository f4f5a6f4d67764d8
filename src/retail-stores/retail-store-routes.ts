import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { RETAIL_STORE_WORDING, RetailStoreIdSchema, RetailStoreInputSchema, RetailStoreSchema } from './retail-store.js';
import type { RetailStoreService } from './retail-store-service.js';

const Params = Type.Object({ id: RetailStoreIdSchema });

/** The admin API of the retailer's stores: where they are, their geofences, Wi-Fi and hours. */
export function registerRetailStoreRoutes(app: FastifyInstance, deps: { stores: RetailStoreService }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { config: { access: 'admin' as const }, validatorCompiler: typeboxValidatorCompiler(RETAIL_STORE_WORDING) };

  typed.put(
    '/v1/stores/:id',
    { ...common, schema: { tags: ['stores'], summary: 'Create or replace a store', params: Params, body: RetailStoreInputSchema, response: { 200: RetailStoreSchema, 201: RetailStoreSchema } } },
    async (request, reply) => {
      const { store, created } = await deps.stores.put(request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(store);
    },
  );
  typed.get(
    '/v1/stores',
    { ...common, schema: { tags: ['stores'], summary: 'List the stores', response: { 200: Type.Object({ stores: Type.Array(RetailStoreSchema) }) } } },
    async () => ({ stores: [...(await deps.stores.all())] }),
  );
  typed.get(
    '/v1/stores/:id',
    { ...common, schema: { tags: ['stores'], summary: 'Show a store', params: Params, response: { 200: RetailStoreSchema } } },
    async (request) => deps.stores.get(request.params.id),
  );
  typed.delete(
    '/v1/stores/:id',
    { ...common, schema: { tags: ['stores'], summary: 'Delete a store', params: Params, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await deps.stores.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
