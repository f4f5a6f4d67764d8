import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OutgoingHttpHeaders } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ProfileService } from '../profiles/profile-service.js';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { Errors } from '../shared/errors.js';
import { liveSessionKeys, type LiveSessionHub } from './live-session-hub.js';

/** How long a browser waits before it reconnects a dropped stream. */
const RECONNECT_MS = 3000;
const Identifier = Type.String({ minLength: 1, maxLength: 256 });

/**
 * `GET /v1/stream`: the shopper's page keeps it open (EventSource) and gets each intervention for the
 * shopper as `event: intervention`. EventSource cannot send headers, so the write key may come in the
 * query string here.
 */
export function registerStreamRoutes(app: FastifyInstance, deps: { hub: LiveSessionHub; profiles: Pick<ProfileService, 'findState'> }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/stream',
    {
      config: { access: 'write', writeKeyInQuery: true },
      validatorCompiler: typeboxValidatorCompiler({ unknownProperty: 'is not a stream parameter' }),
      schema: {
        tags: ['delivery'],
        summary: 'Server-sent events: interventions for the shopper known by anonymousId and/or userId',
        querystring: Type.Object(
          { writeKey: Type.Optional(Type.String({ description: 'The write key, for EventSource which cannot send an Authorization header' })), anonymousId: Type.Optional(Identifier), userId: Type.Optional(Identifier) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    async (request, reply) => {
      const { anonymousId, userId } = request.query;
      if (anonymousId === undefined && userId === undefined) throw Errors.invalidRequest([{ field: 'anonymousId', problem: 'anonymousId or userId is required' }]);
      const known = [...(userId ? [{ type: 'userId' as const, value: userId }] : []), ...(anonymousId ? [{ type: 'anonymousId' as const, value: anonymousId }] : [])];
      const profileId = (await deps.profiles.findState(known))?.id;
      reply.hijack();
      // Headers set by hooks (CORS) are kept: the raw response bypasses fastify's reply.
      reply.raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      reply.raw.write(`retry: ${RECONNECT_MS}\n\n`);
      const close = deps.hub.open(liveSessionKeys({ userId, anonymousId, profileId }), { write: (chunk) => reply.raw.write(chunk), end: () => reply.raw.end() });
      reply.raw.once('close', close);
    },
  );
}
