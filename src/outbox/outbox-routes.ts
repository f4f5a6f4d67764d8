import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type {} from '../server/route-access.js';
import { typeboxValidatorCompiler } from '../server/typebox-validator-compiler.js';
import { OutboxChannelSchema, OutboxMessageDetailSchema, OutboxMessageIdSchema, OutboxMessageSchema, OutboxStatusSchema } from './outbox-message.js';
import type { OutboxService } from './outbox-service.js';

const Params = Type.Object({ id: OutboxMessageIdSchema });
const Identifier = Type.String({ minLength: 1, maxLength: 100 });
const ListQuery = Type.Object(
  {
    status: Type.Optional(OutboxStatusSchema),
    channel: Type.Optional(OutboxChannelSchema),
    profileId: Type.Optional(Identifier),
    campaignId: Type.Optional(Identifier),
    limit: Type.Optional(Type.String({ pattern: '^(500|[1-4]\\d\\d|[1-9]\\d?)$', description: '1 to 500; 100 when absent' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The `next` of the previous page' })),
  },
  { additionalProperties: false },
);
const WORDING = { patterns: { id: 'must be an outbox message id such as msg_…', limit: 'must be an integer from 1 to 500' }, unknownProperty: 'is not an outbox filter' };

/** The admin API of the outbox (admin key): what was sent, what is waiting, what died and why; and a dead message sent again. */
export function registerOutboxRoutes(app: FastifyInstance, deps: { outbox: OutboxService }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { config: { access: 'admin' as const }, validatorCompiler: typeboxValidatorCompiler(WORDING) };

  typed.get(
    '/v1/outbox',
    {
      ...common,
      schema: {
        tags: ['outbox'],
        summary: 'List outbox messages, newest first, a page at a time',
        querystring: ListQuery,
        response: { 200: Type.Object({ messages: Type.Array(OutboxMessageSchema), next: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return deps.outbox.list({ ...filter, limit: limit === undefined ? 100 : Number(limit), ...(cursor === undefined ? {} : { before: cursor }) });
    },
  );
  typed.get(
    '/v1/outbox/:id',
    { ...common, schema: { tags: ['outbox'], summary: 'Show an outbox message with its attempts', params: Params, response: { 200: OutboxMessageDetailSchema } } },
    async (request) => deps.outbox.get(request.params.id),
  );
  typed.post(
    '/v1/outbox/:id/retry',
    { ...common, schema: { tags: ['outbox'], summary: 'Send a dead message again: back to pending with a fresh set of attempts', params: Params, response: { 200: OutboxMessageDetailSchema } } },
    async (request) => deps.outbox.retry(request.params.id),
  );
}
