import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { EVENT_TYPES } from '../ingestion/kairos-event.js';

/**
 * The paths a shop's pages call from their own origin: the tracking calls, decide, the live stream
 * and the SDK itself (module scripts are fetched with CORS). The write key is their credential, as
 * with Segment, so any origin may call them; cookies are never involved. Admin routes answer no
 * CORS headers, so browsers keep them same-origin.
 */
const CROSS_ORIGIN_PATHS: ReadonlySet<string> = new Set([
  ...EVENT_TYPES.map((type) => `/v1/${type}`),
  '/v1/batch',
  '/v1/import',
  '/v1/decide',
  '/v1/stream',
  '/sdk/kairos.js',
]);

/** Built once: the delegator runs on every request, and the tracking calls are the hottest path there is. */
const CROSS_ORIGIN = { origin: '*', methods: ['GET', 'POST'], allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'], maxAge: 600 };
const SAME_ORIGIN_ONLY = { origin: false };

export async function registerCors(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    // Decided per request: a preflight is routed to fastify-cors' own OPTIONS route, so route config cannot say.
    delegator: (request, callback) => {
      const query = request.url.indexOf('?');
      callback(null, CROSS_ORIGIN_PATHS.has(query < 0 ? request.url : request.url.slice(0, query)) ? CROSS_ORIGIN : SAME_ORIGIN_ONLY);
    },
  });
}
