import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LazyRequestLogger } from './lazy-request-logger.js';

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('LazyRequestLogger', () => {
  it('makes no child until something is logged', () => {
    const { logger } = capturedLogger();
    let children = 0;
    const parent = Object.assign(Object.create(logger) as typeof logger, {
      child: (...args: Parameters<typeof logger.child>) => {
        children++;
        return logger.child(...args);
      },
    });
    const lazy = new LazyRequestLogger(parent, { reqId: 'req-1' }, {});
    expect(lazy.level).toBe('info');
    expect(children).toBe(0);
    lazy.error({ code: 'x' }, 'failed');
    lazy.warn('again');
    expect(children).toBe(1);
  });

  it("logs through the child fastify would have made: the request's bindings on every line", async () => {
    const { logger, lines } = capturedLogger();
    const lazy = new LazyRequestLogger(logger, { reqId: 'req-7' }, {});
    lazy.info({ route: '/v1/track' }, 'hello %s', 'there');
    lazy.debug('below the level');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ reqId: 'req-7', route: '/v1/track', msg: 'hello there', level: 30 });
  });

  it("keeps a route's own log level", () => {
    const { logger } = capturedLogger();
    const lazy = new LazyRequestLogger(logger, { reqId: 'req-2' }, { level: 'warn' });
    expect(lazy.level).toBe('warn');
    lazy.level = 'error';
    expect(lazy.level).toBe('error');
  });

  it("is fastify's request logger: a failing handler's error is logged with the request id", async () => {
    const { logger, lines } = capturedLogger();
    const app = Fastify({ loggerInstance: logger, childLoggerFactory: LazyRequestLogger.factory, disableRequestLogging: true });
    app.get('/boom', async (request) => {
      request.log.error('it broke');
      throw new Error('boom');
    });
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.find((line) => line.msg === 'it broke')).toMatchObject({ reqId: expect.any(String) });
    await app.close();
  });
});
