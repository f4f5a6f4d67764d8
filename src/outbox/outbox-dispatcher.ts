import type { DeliverySettings } from '../config/load-config.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import { CHANNELS } from '../ingestion/kairos-event.js';
import { INTERVENTION_FAILED_EVENT, INTERVENTION_SENT_EVENT } from '../profiles/engagement.js';
import type { Clock } from '../shared/clock.js';
import { PermanentDeliveryError } from './channels/delivery-channel.js';
import type { DeliveryChannels } from './channels/delivery-channels.js';
import type { OutboxMetrics } from './outbox-metrics.js';
import type { OutboxAttempt, OutboxMessage } from './outbox-message.js';
import type { AttemptResult, OutboxStore } from './outbox-store.js';
import { backoffDelayMs } from './retry-backoff.js';
import { shopperIdentifiers } from '../shared/shopper-identifiers.js';

/** Sends at once at most this many messages; the others wait in the outbox. */
const DEFAULT_CONCURRENCY = 8;
/** A claimed message is claimable again this long after its attempt's timeout, should the process die while sending it. */
const LEASE_MARGIN_MS = 30_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface OutboxDispatcherDeps {
  store: OutboxStore;
  channels: DeliveryChannels;
  ingestion: Pick<IngestionService, 'ingest'>;
  settings: DeliverySettings['outbox'];
  clock: Clock;
  random: () => number;
  metrics: OutboxMetrics;
  concurrency?: number;
  /** Told what went wrong outside a send (the store, recording the outcome event); the server logs it. */
  onError: (what: string, error: unknown) => void;
}

/**
 * Sends due messages, off every request path. Wakes when told something was enqueued (`notify`) and
 * otherwise by a timer set for the next due message — never a poll. Each attempt has a timeout; a
 * failure is retried with backoff (retry-backoff.ts) until `maxAttempts`, then the message is dead; a
 * PermanentDeliveryError makes it dead at once. The outcome goes into the shopper's history as an
 * `Intervention Sent` or `Intervention Failed` event.
 *
 * Delivery is at least once: a message whose sender died mid-send is sent again after its lease; the
 * idempotency key travels with it so receivers can drop the copy.
 */
export class OutboxDispatcher {
  private readonly concurrency: number;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;

  constructor(private readonly deps: OutboxDispatcherDeps) {
    this.concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** Begins sending: what is due now (left over from before a restart too), then as messages come due. */
  start(): void {
    this.running = true;
    this.notify();
  }

  /**
   * Something was enqueued or retried. Looks on the next turn of the event loop, so a caller that
   * enqueued inside a transaction has committed it by then.
   */
  notify(): void {
    if (this.running) setImmediate(() => this.pump());
  }

  /** Stops claiming and waits for the attempts in flight, so none is cut off; what is left stays pending for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pumping;
    await Promise.all(this.inFlight);
  }

  /** Sends what is due now, as free slots allow, and waits for those sends (tests drive the dispatcher with it and a manual clock). */
  async sendDue(): Promise<number> {
    const sends = await this.claimAndStart();
    await Promise.all(sends);
    return sends.length;
  }

  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.claimAndStart();
      } while (this.pumpAgain && this.running);
      await this.scheduleNext();
    })()
      .catch((error: unknown) => this.deps.onError('the outbox dispatcher could not read the outbox; it tries again at the next message', error))
      .finally(() => {
        this.pumping = undefined;
      });
  }

  private async claimAndStart(): Promise<Array<Promise<void>>> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return [];
    const now = this.deps.clock.now();
    const claimed = await this.deps.store.claimDue(now, free, now + this.deps.settings.timeoutMs + LEASE_MARGIN_MS);
    return claimed.map((message) => {
      const send = this.attempt(message)
        .catch((error: unknown) => this.deps.onError(`recording the attempt of outbox message ${message.id} failed; it is sent again after its lease`, error))
        .finally(() => {
          this.inFlight.delete(send);
          if (this.running) this.pump();
        });
      this.inFlight.add(send);
      return send;
    });
  }

  private async scheduleNext(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.running) return;
    const due = await this.deps.store.nextDueAt();
    if (due === undefined || !this.running) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, due - this.deps.clock.now()));
    this.timer = setTimeout(() => this.pump(), delay).unref();
  }

  private async attempt(message: OutboxMessage): Promise<void> {
    const { clock, settings, metrics } = this.deps;
    const startedAt = clock.now();
    const failure = await this.sendWithTimeout(message);
    const finishedAt = clock.now();
    const attempt: OutboxAttempt = {
      at: new Date(startedAt).toISOString(),
      outcome: failure ? 'failed' : 'delivered',
      ...(failure ? { error: failure.message } : {}),
      durationMs: Math.max(0, finishedAt - startedAt),
    };
    let result: AttemptResult;
    if (!failure) {
      result = { status: 'delivered', deliveredAt: new Date(finishedAt).toISOString() };
      metrics.sent(message.channel, Math.max(0, finishedAt - Date.parse(message.createdAt)) / 1000);
    } else {
      metrics.failedAttempt(message.channel);
      const attempts = message.attempts + 1;
      if (failure instanceof PermanentDeliveryError || attempts >= settings.maxAttempts) {
        result = { status: 'dead' };
        metrics.dead(message.channel);
      } else {
        result = { status: 'pending', nextAttemptAt: new Date(finishedAt + backoffDelayMs(attempts, settings, this.deps.random)).toISOString() };
      }
    }
    await this.deps.store.recordAttempt(message.id, attempt, result);
    if (result.status !== 'pending') await this.recordOutcomeEvent(message, failure);
  }

  /** Runs the channel's send against the attempt's timeout; returns the failure, undefined when delivered. */
  private async sendWithTimeout(message: OutboxMessage): Promise<Error | undefined> {
    const timeoutMs = this.deps.settings.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    // A channel that ignores the signal still loses the race: the slot is freed when the time is up.
    const timedOut = new Promise<never>((_resolve, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)));
    try {
      await Promise.race([this.deps.channels[message.channel].send(message, controller.signal), timedOut]);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** The outcome in the shopper's history, through the ingestion path like any event; the messageId makes it once only. */
  private async recordOutcomeEvent(message: OutboxMessage, failure: Error | undefined): Promise<void> {
    const { userId, anonymousId } = message.recipient;
    // A Segment event needs one of them; a recipient known only by an address has no history to write to.
    if (userId === undefined && anonymousId === undefined) return;
    const properties = {
      messageId: message.id,
      decisionId: message.decisionId,
      campaignId: message.campaignId,
      variantId: message.variantId,
      kind: message.kind,
      channel: message.channel,
      ...(failure ? { error: failure.message } : {}),
    };
    const outcome = await this.deps.ingestion.ingest([
      {
        type: 'track',
        ...shopperIdentifiers(message.recipient),
        event: failure ? INTERVENTION_FAILED_EVENT : INTERVENTION_SENT_EVENT,
        messageId: `${message.id}:${failure ? 'failed' : 'sent'}`,
        properties,
        // The shopper channel it reached them on; a webhook is the retailer's own system, not one.
        ...((CHANNELS as readonly string[]).includes(message.channel) ? { context: { channel: message.channel } } : {}),
      },
    ]);
    if (outcome.rejected.length > 0) this.deps.onError(`the outcome event of outbox message ${message.id} was refused`, outcome.rejected[0]);
  }
}
