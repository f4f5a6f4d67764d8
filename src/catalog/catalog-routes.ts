import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type {} from '../server/route-access.js';
import type { CatalogService } from './catalog-service.js';
import { ProductInputSchema, ProductParamsSchema, ProductViewSchema, toProductViewJson } from './product.js';

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
  /*
   * TypeBox validates these routes rather than fastify's default ajv, whose type coercion turns a
   * null inventory into 0 (out of stock) and attribute 42 into "42" in the unions of the schema. It is
   * also the checker the file import uses, so a PUT and an imported row obey exactly the same rules.
   */
  const validatorCompiler: FastifySchemaCompiler<unknown> = (definition) =>
    TypeBoxValidatorCompiler({ ...definition, schema: definition.schema as TSchema });

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
