import type { OutboxMessage } from '../outbox-message.js';

/**
 * Sends one message one way. Resolves when the receiver accepted it; throws an Error whose message says
 * why it did not, in words an operator can act on. Throws PermanentDeliveryError when trying again
 * cannot help (no address, the receiver refuses the request itself), so the message is dead at once.
 * `signal` aborts when the attempt's time is up.
 */
export interface DeliveryChannel {
  send(message: OutboxMessage, signal: AbortSignal): Promise<void>;
}

export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/**
 * The failure an HTTP status ≥ 400 means. A 4xx other than 408 (timeout) and 429 (slow down) says the
 * request itself is refused (bad signature, unknown endpoint, gone subscription): the same request would
 * be refused again, so it is permanent. 5xx, 408 and 429 are the receiver's trouble and are retried.
 */
export function httpFailure(status: number, what: string): Error {
  const problem = `${what} answered HTTP ${status}`;
  return status >= 400 && status < 500 && status !== 408 && status !== 429 ? new PermanentDeliveryError(problem) : new Error(problem);
}

/** The failure of a request that got no answer (refused, reset, timed out): retried. */
export function unreachable(what: string, error: unknown): Error {
  if (!(error instanceof Error)) return new Error(`could not reach ${what}: ${String(error)}`);
  const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? 'timed out' : error.cause instanceof Error ? error.cause.message : error.message;
  return new Error(`could not reach ${what}: ${reason}`);
}
