import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../shared/clock.js';
import { createTimeOrderedIds } from '../shared/time-ordered-id.js';
import { PermanentDeliveryError, type DeliveryChannel } from './channels/delivery-channel.js';
import type { DeliveryChannels } from './channels/delivery-channels.js';
import { InMemoryOutboxStore } from './in-memory-outbox-store.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { sampleOutboxInput } from './outbox-fixtures.js';
import type { OutboxMessage } from './outbox-message.js';
import type { OutboxMetrics } from './outbox-metrics.js';
import { OutboxService } from './outbox-service.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const settings = { maxAttempts: 4, timeoutMs: 1000, backoffBaseMs: 1000, backoffMaxMs: 600_000 };

/** A channel that fails the first `failures` sends, then succeeds; it records what it was given. */
class FlakyChannel implements DeliveryChannel {
  sent: OutboxMessage[] = [];
  constructor(public failures: number, private readonly error: () => Error = () => new Error('HTTP 503 from the receiver')) {}
  async send(message: OutboxMessage): Promise<void> {
    this.sent.push(message);
    if (this.failures-- > 0) throw this.error();
  }
}

function setup(channel: DeliveryChannel, options: { concurrency?: number; random?: () => number; clock?: Clock } = {}) {
  // Tests that pass a real clock never move it.
  const clock = (options.clock ?? new ManualClock(T0)) as ManualClock;
  const store = new InMemoryOutboxStore();
  const ingested: Array<Record<string, any>> = [];
  const metrics = { sent: [] as string[], failed: [] as string[], dead: [] as string[] };
  const outboxMetrics: OutboxMetrics = {
    sent: (name) => metrics.sent.push(name),
    failedAttempt: (name) => metrics.failed.push(name),
    dead: (name) => metrics.dead.push(name),
  };
  const errors: unknown[] = [];
  const dispatcher = new OutboxDispatcher({
    store,
    channels: { webhook: channel, email: channel, web: channel } as DeliveryChannels,
    ingestion: {
      ingest: async (messages) => {
        ingested.push(...(messages as Array<Record<string, any>>));
        return { accepted: messages.length, duplicates: 0, rejected: [], rejectedMessages: 0 };
      },
    },
    settings,
    clock,
    random: options.random ?? (() => 0.5),
    metrics: outboxMetrics,
    onError: (_what, error) => errors.push(error),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  const service = new OutboxService({ store, clock, newMessageId: createTimeOrderedIds('msg_', () => clock.now()), dispatcher });
  return { clock, store, dispatcher, service, ingested, metrics, errors };
}

describe('OutboxDispatcher', () => {
  let channel: FlakyChannel;
  beforeEach(() => {
    channel = new FlakyChannel(0);
  });

  it('sends a due message, marks it delivered and writes Intervention Sent to the shopper history', async () => {
    const { service, dispatcher, clock, ingested, metrics } = setup(channel);
    const [message] = await service.enqueue([sampleOutboxInput()]);
    clock.advance(40);
    expect(await dispatcher.sendDue()).toBe(1);
    expect(channel.sent.map((sent) => sent.id)).toEqual([message!.id]);
    expect(await service.get(message!.id)).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: new Date(T0 + 40).toISOString() });
    expect(ingested).toEqual([
      {
        type: 'track',
        userId: 'sarah-1',
        anonymousId: 'anon-1',
        event: 'Intervention Sent',
        messageId: `${message!.id}:sent`,
        properties: { messageId: message!.id, decisionId: 'dec_1', campaignId: 'cmp_1', variantId: 'reminder', kind: 'convenience', channel: 'webhook' },
      },
    ]);
    expect(metrics.sent).toEqual(['webhook']);
    expect(await dispatcher.sendDue()).toBe(0);
  });

  it('retries with growing backoff, then gives up after maxAttempts and writes Intervention Failed', async () => {
    channel.failures = Infinity;
    const { service, dispatcher, clock, ingested, metrics } = setup(channel);
    const [message] = await service.enqueue([sampleOutboxInput()]);
    // random() = 0.5: half of base·2^(n−1) → 500, 1000, 2000 ms between the 4 attempts.
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await dispatcher.sendDue()).toBe(1);
      const stored = (await service.get(message!.id))!;
      expect(stored).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'HTTP 503 from the receiver' });
      waits.push(Date.parse(stored.nextAttemptAt) - clock.now());
      clock.advance(waits[waits.length - 1]! - 1);
      expect(await dispatcher.sendDue()).toBe(0);
      clock.advance(1);
    }
    expect(waits).toEqual([500, 1000, 2000]);
    expect(ingested).toEqual([]);
    expect(await dispatcher.sendDue()).toBe(1);
    const dead = await service.get(message!.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 4 });
    expect(dead.attemptHistory.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(ingested).toMatchObject([{ event: 'Intervention Failed', messageId: `${message!.id}:failed`, properties: { error: 'HTTP 503 from the receiver', campaignId: 'cmp_1' } }]);
    expect(metrics).toMatchObject({ failed: ['webhook', 'webhook', 'webhook', 'webhook'], dead: ['webhook'], sent: [] });
    clock.advance(3_600_000);
    expect(await dispatcher.sendDue()).toBe(0);
  });

  it('makes a message dead at once on a permanent failure, and a retried one is sent again', async () => {
    channel = new FlakyChannel(1, () => new PermanentDeliveryError('the recipient has no e-mail address'));
    const { service, dispatcher, ingested } = setup(channel);
    const [message] = await service.enqueue([sampleOutboxInput({ channel: 'email' })]);
    await dispatcher.sendDue();
    expect(ingested).toMatchObject([{ event: 'Intervention Failed', context: { channel: 'email' } }]);
    expect(await service.get(message!.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'the recipient has no e-mail address' });
    await expect(service.retry(message!.id)).resolves.toMatchObject({ status: 'pending', attempts: 0 });
    await dispatcher.sendDue();
    const delivered = await service.get(message!.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivered.attemptHistory.map((attempt) => attempt.outcome)).toEqual(['failed', 'delivered']);
    await expect(service.retry(message!.id)).rejects.toMatchObject({ statusCode: 409 });
    await expect(service.retry('msg_unknown')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('fails an attempt that outlives the timeout, even when the channel ignores the signal', async () => {
    const hanging: DeliveryChannel = { send: () => new Promise(() => undefined) };
    const { service, dispatcher } = setup(hanging);
    const [message] = await service.enqueue([sampleOutboxInput()]);
    const started = Date.now();
    await dispatcher.sendDue();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await service.get(message!.id)).toMatchObject({ status: 'pending', lastError: 'timed out after 1000 ms' });
  });

  it('enqueues a repeated idempotency key once, and only new messages wake the dispatcher', async () => {
    const { service, store } = setup(channel);
    expect(await service.enqueue([sampleOutboxInput(), sampleOutboxInput({ idempotencyKey: 'other' })])).toHaveLength(2);
    expect(await service.enqueue([sampleOutboxInput()])).toEqual([]);
    expect((await store.countByStatus()).pending).toBe(2);
  });

  it('sends at most `concurrency` messages at once', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: DeliveryChannel = {
      send: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
      },
    };
    const { service, dispatcher, store } = setup(slow, { concurrency: 3 });
    await service.enqueue(Array.from({ length: 10 }, (_, index) => sampleOutboxInput({ idempotencyKey: `k${index}` })));
    dispatcher.start();
    await expect.poll(async () => (await store.countByStatus()).delivered, { timeout: 5000 }).toBe(10);
    await dispatcher.stop();
    expect(most).toBe(3);
  });

  it('once started, wakes on enqueue and again when a retry comes due (a timer, not a poll)', async () => {
    channel.failures = 1;
    const { service, dispatcher } = setup(channel, { random: () => 0.05, clock: { now: () => Date.now() } });
    dispatcher.start();
    const [message] = await service.enqueue([sampleOutboxInput()]);
    await expect.poll(async () => (await service.get(message!.id)).status, { timeout: 5000 }).toBe('delivered');
    await dispatcher.stop();
    const [failed, delivered] = (await service.get(message!.id)).attemptHistory;
    // 0.05 of the 1000 ms base: the retry was sent 50 ms later.
    expect(Date.parse(delivered!.at) - Date.parse(failed!.at)).toBeGreaterThanOrEqual(45);
    expect(channel.sent).toHaveLength(2);
  });

  it('stop waits for the send in flight, and a stopped dispatcher claims nothing more', async () => {
    let release: (() => void) | undefined;
    const gated: DeliveryChannel = { send: () => new Promise<void>((resolve) => (release = resolve)) };
    const { service, dispatcher, store } = setup(gated, { clock: { now: () => Date.now() } });
    dispatcher.start();
    await service.enqueue([sampleOutboxInput()]);
    await expect.poll(() => release !== undefined).toBe(true);
    const stopped = dispatcher.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);
    release!();
    await stopped;
    expect((await store.countByStatus()).delivered).toBe(1);
    await service.enqueue([sampleOutboxInput({ idempotencyKey: 'after-stop' })]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await store.countByStatus()).pending).toBe(1);
  });
});
