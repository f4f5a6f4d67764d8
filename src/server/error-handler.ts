import type { FastifyError, FastifyInstance } from 'fastify';
import { Errors, KairosError } from '../shared/errors.js';

/** The one place errors become HTTP answers: a KairosError keeps its status and JSON; fastify's own are translated. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | KairosError, request, reply) => {
    const kairos = toKairosError(error, request.routeOptions.bodyLimit);
    if (kairos.statusCode >= 500 && !(error instanceof KairosError)) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'KAIROS_INTERNAL', message: 'internal error; the server log has the details', details: [] } });
    }
    return reply.status(kairos.statusCode).send(kairos.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = Errors.routeNotFound(request.method, request.url);
    return reply.status(404).send(error.toJSON());
  });
}

function toKairosError(error: FastifyError | KairosError, bodyLimit: number | undefined): KairosError {
  if (error instanceof KairosError) return error;
  switch (error.code) {
    case 'FST_ERR_VALIDATION':
      return Errors.invalidRequest(
        (error.validation ?? []).map((issue) => ({
          // Body fields are named as they are in the body (`variants.0.kind`), as the services name them;
          // query and path parameters keep their place (`querystring.status`, `params.id`).
          field:
            [error.validationContext === 'body' ? undefined : error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.') ||
            String(error.validationContext ?? 'body'),
          problem: issue.message ?? 'is invalid',
        })),
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return Errors.payloadTooLarge(bodyLimit ?? 0, undefined, 'the request body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return Errors.unsupportedMediaType(String(error.message.split(': ').pop()));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return Errors.malformedJson('the body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return Errors.malformedEncoding('content-length does not match the body');
    default:
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return new KairosError('KAIROS_BAD_REQUEST', error.statusCode, error.message, [{ problem: error.message }]);
      }
      return new KairosError('KAIROS_INTERNAL', 500, error.message);
  }
}
