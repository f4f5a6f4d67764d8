import type { FastifyInstance } from 'fastify';
import { EVENT_TYPES } from '../ingestion/kairos-event.js';

/**
 * The paths a shop's pages call from their own origin: the tracking calls, decide, the live stream
 * and the SDK itself (module scripts are fetched with CORS). The write key is their credential, as
 * with Segment, so any origin may call them; cookies are never involved. Admin routes answer no
 * CORS headers and have no preflight route, so browsers keep them same-origin.
 */
const CROSS_ORIGIN_PATHS: ReadonlySet<string> = new Set([
  ...EVENT_TYPES.map((type) => `/v1/${type}`),
  '/v1/batch',
  '/v1/import',
  '/v1/decide',
  '/v1/stream',
  '/sdk/kairos.js',
]);

const PREFLIGHT_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'Authorization, Content-Type, Content-Encoding',
  'access-control-max-age': '600',
};

/**
 * CORS written here rather than with @fastify/cors: the policy depends on the path, which that plugin
 * can only learn through its per-request `delegator`, and that path rebuilt and merged its options on
 * every request — 3% of the CPU of a tracking call. Here a request without an Origin header (every
 * server-side Segment library) costs one header lookup, and `*` needs no Vary.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.headers.origin !== undefined && CROSS_ORIGIN_PATHS.has(pathOf(request.url))) reply.header('access-control-allow-origin', '*');
    done();
  });
  for (const path of CROSS_ORIGIN_PATHS) {
    app.options(path, { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => {
      void reply.code(204).headers(PREFLIGHT_HEADERS).send();
    });
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
