import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import type { EppService } from './epp/epp-service.js';
import type { ModelVersion } from './model-store.js';

/** Artifacts carry up to 50k item counters; gzip them on the wire (Content-Encoding: gzip). */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

const VersionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  createdAt: Type.String(),
  source: Type.String(),
  parent: Type.Optional(Type.String()),
  active: Type.Boolean(),
  metrics: Type.Record(Type.String(), Type.Unknown()),
});
const VersionId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** The early-purchase model's versions: list, inspect, install (served at once) and roll back. */
export function registerModelRoutes(app: FastifyInstance, deps: { epp: EppService }): void {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  routes.get(
    '/v1/models/epp',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['models'],
        summary: 'The version serving now and every stored version, newest first, with their metrics',
        response: { 200: Type.Object({ serving: Type.String(), versions: Type.Array(VersionSchema) }) },
      },
    },
    async () => ({ serving: await deps.epp.servingId(), versions: (await deps.epp.versions()).map(describe) }),
  );
  routes.get(
    '/v1/models/epp/:id',
    { config: { access: 'admin' }, schema: { tags: ['models'], summary: 'One stored version and its metrics', params: VersionId, response: { 200: VersionSchema } } },
    async (request) => describe(await deps.epp.version(request.params.id)),
  );
  routes.post(
    '/v1/models/epp',
    {
      config: { access: 'admin' },
      bodyLimit: MAX_ARTIFACT_BYTES,
      schema: {
        tags: ['models'],
        summary: 'Installs an artifact written by `kairos train epp` and serves it from the next event (422 with the reason when it is corrupt; the model in service stays)',
        querystring: Type.Object({ activate: Type.Boolean({ default: true, description: 'false stores it without serving it' }) }),
        response: { 201: VersionSchema },
      },
    },
    async (request, reply) => {
      const version = await deps.epp.install(request.body, request.query.activate);
      return reply.code(201).send(describe(version));
    },
  );
  routes.post(
    '/v1/models/epp/:id/activate',
    { config: { access: 'admin' }, schema: { tags: ['models'], summary: 'Serves a stored version (a rollback)', params: VersionId, response: { 200: VersionSchema } } },
    async (request) => describe(await deps.epp.activate(request.params.id)),
  );
}

function describe(version: ModelVersion) {
  return { ...version, createdAt: new Date(version.createdAt).toISOString() };
}
