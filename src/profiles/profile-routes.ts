import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ProfileService } from './profile-service.js';

const IdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 300, description: 'Profile id, or any identifier: a userId, anonymousId, or type:value such as email:sarah@example.com' }),
});

export function registerProfileRoutes(app: FastifyInstance, deps: { profiles: ProfileService }): void {
  app.get('/v1/profiles/:id', {
    config: { access: 'admin' },
    schema: { tags: ['profiles'], summary: 'The Customer DNA: traits, identities, consent, sessions, live features, latest events', params: IdParams },
    handler: async (request) => deps.profiles.getProfile((request.params as { id: string }).id),
  });

  app.get('/v1/profiles/:id/events', {
    config: { access: 'admin' },
    schema: {
      tags: ['profiles'],
      summary: 'The whole event history, oldest first, across channels and devices, a page at a time',
      params: IdParams,
      querystring: Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        after: Type.Optional(Type.String({ description: 'The `next` cursor of the previous page' })),
      }),
    },
    handler: async (request) => {
      const { limit, after } = request.query as { limit: number; after?: string };
      return deps.profiles.events((request.params as { id: string }).id, after === undefined ? { limit } : { limit, after });
    },
  });
}
