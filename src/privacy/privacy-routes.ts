import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../profiles/profile-state.js';
import type { PrivacyService } from './privacy-service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 300, description: 'Profile id or any identifier' }) });

const ConsentBody = Type.Object(
  Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, Type.Optional(Type.Boolean())])),
  { additionalProperties: false, minProperties: 1, description: `Consent per purpose: ${CONSENT_PURPOSES.join(', ')}` },
);

export function registerPrivacyRoutes(app: FastifyInstance, deps: { privacy: PrivacyService }): void {
  app.put('/v1/profiles/:id/consent', {
    config: { access: 'admin' },
    schema: { tags: ['privacy'], summary: 'Grant or withdraw consent per purpose', params: IdParams, body: ConsentBody },
    handler: async (request) => ({
      consent: await deps.privacy.setConsent((request.params as { id: string }).id, request.body as Partial<Record<ConsentPurpose, boolean>>),
    }),
  });

  app.delete('/v1/profiles/:id', {
    config: { access: 'admin' },
    schema: { tags: ['privacy'], summary: 'Erase the profile, its identities, every event of it and its outbox messages', params: IdParams },
    handler: async (request) => ({ erased: true, ...(await deps.privacy.erase((request.params as { id: string }).id)) }),
  });

  app.get('/v1/profiles/:id/export', {
    config: { access: 'admin' },
    schema: { tags: ['privacy'], summary: 'Everything stored about the person', params: IdParams },
    handler: async (request) => deps.privacy.export((request.params as { id: string }).id),
  });
}
