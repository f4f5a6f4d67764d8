import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CatalogService } from '../catalog/catalog-service.js';
import { ProductParamsSchema } from '../catalog/product.js';
import type {} from '../server/route-access.js';
import { Errors, KairosError } from '../shared/errors.js';
import { demoNotFoundPage, demoProductPage } from './demo-product-page.js';
import { DEFAULT_SDK_BUNDLE_PATH, sdkBundleLoader } from './sdk-bundle.js';

export interface SdkAssetRoutesDeps {
  catalog: CatalogService;
  /** The demo page sends its events with the server's own write key. */
  writeKey: string;
  bundlePath?: string;
}

/**
 * `GET /sdk/kairos.js`, the browser SDK, and `GET /demo/product/{id}`, a product page of the catalog
 * using it. Both public: the SDK is loaded by shops' pages, and write keys are public by design.
 * The bundle's URL is not versioned, so it is cached briefly and revalidated by ETag.
 */
export function registerSdkAssetRoutes(app: FastifyInstance, deps: SdkAssetRoutesDeps): void {
  const loadBundle = sdkBundleLoader(deps.bundlePath ?? DEFAULT_SDK_BUNDLE_PATH);
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get('/sdk/kairos.js', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const bundle = await loadBundle();
    if (bundle === undefined) throw Errors.sdkNotBuilt();
    reply.header('etag', bundle.etag).header('cache-control', 'public, max-age=300');
    if (request.headers['if-none-match'] === bundle.etag) return reply.status(304).send();
    return reply.type('application/javascript; charset=utf-8').send(bundle.body);
  });

  typed.get(
    '/demo/product/:id',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: ProductParamsSchema,
        querystring: Type.Object({ heartbeatSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 15 }) }),
      },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      try {
        const product = await deps.catalog.getProductView(request.params.id);
        return reply.send(demoProductPage(product, { writeKey: deps.writeKey, heartbeatSeconds: request.query.heartbeatSeconds }).markup);
      } catch (error) {
        if (error instanceof KairosError && error.code === 'KAIROS_PRODUCT_NOT_FOUND') return reply.status(404).send(demoNotFoundPage(request.params.id).markup);
        throw error;
      }
    },
  );
}
