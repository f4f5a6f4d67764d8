import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Errors } from '../shared/errors.js';
import type { RouteAccess } from './route-access.js';

export interface ApiKeys {
  writeKey: string;
  adminKey: string;
}

/**
 * Segment's authentication: the write key as the HTTP Basic user name (password empty), or as
 * `writeKey` in the body (or the query string, on routes that say so). Admin routes take the admin key as a Bearer token; the write key there is
 * a 403, not a 401, because the caller is known but not allowed.
 */
export function authorize(request: FastifyRequest, access: RouteAccess, keys: ApiKeys): void {
  if (access === 'public') return;
  const presented = presentedKey(request);
  if (presented === undefined) throw Errors.missingCredentials();
  const isAdmin = presented.scheme === 'bearer' && same(presented.key, keys.adminKey);
  const isWrite = same(presented.key, keys.writeKey);
  if (access === 'admin') {
    if (isAdmin) return;
    throw isWrite ? Errors.adminKeyRequired() : Errors.wrongCredentials();
  }
  if (isWrite || isAdmin) return;
  throw Errors.wrongCredentials();
}

function presentedKey(request: FastifyRequest): { scheme: 'basic' | 'bearer' | 'body' | 'query'; key: string } | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') return { scheme: 'bearer', key: value.trim() };
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return { scheme: 'basic', key: colon >= 0 ? decoded.slice(0, colon) : decoded };
    }
  }
  const body = request.body as { writeKey?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body.writeKey === 'string') return { scheme: 'body', key: body.writeKey };
  const query = request.query as { writeKey?: unknown } | undefined;
  if (request.routeOptions.config.writeKeyInQuery && typeof query?.writeKey === 'string') return { scheme: 'query', key: query.writeKey };
  return undefined;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
