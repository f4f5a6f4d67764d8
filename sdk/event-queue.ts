import { batchBody, type SegmentMessage } from './messages.js';

/** What happened to a POST: sent, worth retrying (network error, 429, 5xx), or refused for good (other 4xx). */
export type SendOutcome = 'sent' | 'retry' | 'rejected';

export interface BatchTransport {
  send(body: string): Promise<SendOutcome>;
  /** Fire and forget, surviving the page's unload. */
  beacon(body: string): void;
}

export interface EventQueueOptions {
  transport: BatchTransport;
  writeKey: string;
  flushIntervalMs?: number;
  maxBatchSize?: number;
  /** Tries of one batch before it is dropped. */
  maxAttempts?: number;
  retryBaseMs?: number;
  now?: () => Date;
  /** Called after each batch the server accepted. */
  onSent?: () => void;
}

/**
 * Messages wait here and go out together: after flushIntervalMs, at once when maxBatchSize are
 * waiting, or by beacon when the page goes away. One POST is in flight at a time; a batch that failed
 * for a reason worth retrying goes back to the head of the queue and is tried again with exponential
 * backoff, and dropped after maxAttempts so a dead server cannot grow the queue without end.
 */
export class EventQueue {
  private readonly waiting: SegmentMessage[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private failedAttempts = 0;
  private readonly flushIntervalMs: number;
  private readonly maxBatchSize: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: EventQueueOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.maxBatchSize = options.maxBatchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  get size(): number {
    return this.waiting.length;
  }

  enqueue(message: SegmentMessage): void {
    this.waiting.push(message);
    if (this.waiting.length >= this.maxBatchSize) void this.flush();
    else this.schedule(this.flushIntervalMs);
  }

  /** Sends everything waiting, a batch at a time; resolves when the queue is empty or a batch must wait for a retry. */
  flush(): Promise<void> {
    this.cancelTimer();
    this.inFlight ??= this.drain().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Hands everything waiting to the beacon at once: the page is being hidden or left. */
  flushByBeacon(): void {
    this.cancelTimer();
    while (this.waiting.length > 0) {
      this.options.transport.beacon(batchBody(this.waiting.splice(0, this.maxBatchSize), this.options.writeKey, this.now()));
    }
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatchSize);
      const outcome = await this.options.transport.send(batchBody(batch, this.options.writeKey, this.now()));
      if (outcome === 'retry' && ++this.failedAttempts < this.maxAttempts) {
        this.waiting.unshift(...batch);
        this.cancelTimer();
        this.schedule(this.retryBaseMs * 2 ** (this.failedAttempts - 1));
        return;
      }
      this.failedAttempts = 0;
      if (outcome === 'sent') this.options.onSent?.();
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
