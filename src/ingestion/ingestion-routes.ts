import type { FastifyInstance, FastifyReply } from 'fastify';
import { Errors } from '../shared/errors.js';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './ingestion-limits.js';
import type { IngestOutcome, IngestionService } from './ingestion-service.js';
import type { EventType, JsonObject } from './kairos-event.js';
import { BatchSchema, ErrorResponseSchema, IngestResponseSchema, MESSAGE_SCHEMAS } from './segment-schemas.js';

/**
 * Messages are validated one by one by the ingestion service with these same schemas, so a batch
 * can keep its valid messages and name the index, field and problem of the others; fastify's own
 * validation is switched off for the message bodies to avoid validating twice.
 */
const validatedByService = () => () => true;

export function registerIngestionRoutes(app: FastifyInstance, deps: { ingestion: IngestionService }): void {
  for (const type of Object.keys(MESSAGE_SCHEMAS) as EventType[]) {
    app.post(`/v1/${type}`, {
      bodyLimit: MAX_EVENT_BYTES,
      config: { access: 'write' },
      validatorCompiler: validatedByService,
      schema: {
        tags: ['ingestion'],
        summary: `Segment ${type} call`,
        body: MESSAGE_SCHEMAS[type],
        response: { 200: IngestResponseSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 413: ErrorResponseSchema },
      },
      handler: async (request, reply) => {
        const outcome = await deps.ingestion.ingest([request.body], { routeType: type, sizeChecked: true });
        return answer(reply, outcome);
      },
    });
  }
  for (const path of ['/v1/batch', '/v1/import']) {
    app.post(path, {
      bodyLimit: MAX_BATCH_BYTES,
      config: { access: 'write' },
      schema: {
        tags: ['ingestion'],
        summary: path === '/v1/batch' ? 'Segment batch: up to 500 KB of messages' : 'Segment import (historical data): same as batch',
        body: BatchSchema,
        response: { 200: IngestResponseSchema, 400: ErrorResponseSchema, 401: ErrorResponseSchema, 413: ErrorResponseSchema },
      },
      handler: async (request, reply) => {
        const body = request.body as { batch: unknown[]; sentAt?: unknown; context?: JsonObject };
        const outcome = await deps.ingestion.ingest(body.batch, { batchSentAt: body.sentAt, batchContext: body.context });
        return answer(reply, outcome);
      },
    });
  }
}

function answer(reply: FastifyReply, outcome: IngestOutcome) {
  if (outcome.rejected.length > 0) {
    return reply.status(400).send({ ...Errors.invalidEvent(outcome.rejected).toJSON(), accepted: outcome.accepted });
  }
  return reply.status(200).send({ success: true, accepted: outcome.accepted, duplicates: outcome.duplicates });
}
