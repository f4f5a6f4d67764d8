import type {} from 'fastify';

/**
 * Who may call a route. Every route states it in its fastify `config.access`; the auth hook in
 * server/auth.ts enforces it.
 * - public: no key (healthz, metrics, openapi)
 * - write: the write key as HTTP Basic user name, or `writeKey` in the body, or the admin key
 * - admin: the admin key as a Bearer token
 */
export type RouteAccess = 'public' | 'write' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The write key may come as `?writeKey=` (only for EventSource streams, which cannot send headers). */
    writeKeyInQuery?: boolean;
  }
}
