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

export async function registerCors(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    // Decided per request: a preflight is routed to fastify-cors' own OPTIONS route, so route config cannot say.
    delegator: (request, callback) => {
      const path = request.url.split('?', 1)[0] ?? '';
      callback(null, {
        origin: CROSS_ORIGIN_PATHS.has(path) ? '*' : false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'],
        maxAge: 600,
      });
    },
  });
}
