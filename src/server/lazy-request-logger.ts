import type { FastifyBaseLogger, FastifyLogFn } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A request's logger, made on first use. Fastify gives every request a child of the server's logger
 * before anything is logged, and a pino child is a new object with its bindings serialised and its
 * level methods set up; Kairos logs a request only when it fails, so every tracking call paid that
 * (~1.6 KB allocated, ~1% of its CPU) for a logger it never used. The child made on first use is
 * the same one fastify would have made. The level methods live on the prototype (set below), so an
 * unused logger is one small object.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  declare fatal: FastifyLogFn;
  declare error: FastifyLogFn;
  declare warn: FastifyLogFn;
  declare info: FastifyLogFn;
  declare debug: FastifyLogFn;
  declare trace: FastifyLogFn;
  declare silent: FastifyLogFn;
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  /** As fastify's `childLoggerFactory`. */
  static factory(this: void, parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
    return new LazyRequestLogger(parent, bindings, options);
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  /** The real child logger, made now if it was not yet. */
  logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }
}

for (const level of LEVELS) {
  LazyRequestLogger.prototype[level] = function (this: LazyRequestLogger, ...args: unknown[]) {
    const logger = this.logger();
    (logger[level] as (...args: unknown[]) => void).apply(logger, args);
  } as FastifyLogFn;
}
