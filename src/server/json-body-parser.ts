import { gunzipSync, inflateSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../shared/errors.js';

/**
 * Parses JSON bodies, gzip- or deflate-encoded as Segment's libraries send them. Written here rather
 * than with @fastify/compress because the limit must apply to the decoded size (a 500 KB batch may
 * arrive as 40 KB of gzip) and the error must be Kairos' JSON error. `text/plain` is accepted because
 * browsers' sendBeacon and analytics.js send JSON with it to avoid a CORS preflight.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) => {
    try {
      const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
      const decoded = decode(body, String(request.headers['content-encoding'] ?? 'identity').toLowerCase(), limit);
      if (decoded.length === 0) return done(null, undefined);
      done(null, JSON.parse(decoded.toString('utf8')));
    } catch (error) {
      done(error instanceof SyntaxError ? Errors.malformedJson(error.message) : (error as Error));
    }
  };
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, parse);
}

function decode(body: Buffer, encoding: string, limit: number): Buffer {
  const inflate = encoding === 'gzip' || encoding === 'x-gzip' ? gunzipSync : encoding === 'deflate' ? inflateSync : undefined;
  if (inflate === undefined) {
    if (encoding !== 'identity') throw Errors.malformedEncoding(`content-encoding ${encoding} is not supported; use gzip, deflate or none`);
    return body;
  }
  try {
    return inflate(body, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw Errors.payloadTooLarge(limit, undefined, 'the decoded body');
    }
    throw Errors.malformedEncoding(`the body is not valid ${encoding}: ${(error as Error).message}`);
  }
}
