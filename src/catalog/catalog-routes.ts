import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import type { CatalogService } from './catalog-service.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { PRODUCT_WORDING, ProductInputSchema, ProductParamsSchema, ProductViewSchema, toProductViewJson } from './product.js';

export interface CatalogRoutesDeps {
  catalog: CatalogService;
}

/**
 * `PUT /v1/catalog/products/{id}` creates (201) or replaces (200) a product; `GET` shows it with its
 * live counters. Both need the admin key. Failures are thrown as KairosError for the error handler.
 *
 * @example
 * registerCatalogRoutes(app, { catalog });
 */
export function registerCatalogRoutes(app: FastifyInstance, deps: CatalogRoutesDeps): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const validatorCompiler = typeboxValidatorCompiler(PRODUCT_WORDING);

  typed.put(
    '/v1/catalog/products/:id',
    {
      config: { access: 'admin' },
      validatorCompiler,
      schema: {
        tags: ['catalog'],
        summary: 'Create or replace a product',
        params: ProductParamsSchema,
        body: ProductInputSchema,
        response: { 200: ProductViewSchema, 201: ProductViewSchema },
      },
    },
    async (request, reply) => {
      const { created, view } = await deps.catalog.putProduct(request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(toProductViewJson(view));
    },
  );

  typed.get(
    '/v1/catalog/products/:id',
    {
      config: { access: 'admin' },
      validatorCompiler,
      schema: {
        tags: ['catalog'],
        summary: 'Show a product with its live counters',
        params: ProductParamsSchema,
        response: { 200: ProductViewSchema },
      },
    },
    async (request) => toProductViewJson(await deps.catalog.getProductView(request.params.id)),
  );
}
