import { beforeEach, describe, expect, it } from 'vitest';
import { sampleOutboxMessage } from './outbox-fixtures.js';
import type { OutboxStore } from './outbox-store.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** The behaviour every OutboxStore adapter must have; each adapter's test calls it with a factory. */
export function describeOutboxStoreContract(adapter: string, createStore: () => OutboxStore): void {
  describe(`OutboxStore contract: ${adapter}`, () => {
    let store: OutboxStore;
    beforeEach(() => {
      store = createStore();
    });

    it('returns a message as it was enqueued, with an empty attempt history', async () => {
      const message = sampleOutboxMessage('msg_1', { recipient: { userId: 'u1', pushSubscriptions: [{ endpoint: 'https://push.example/1', keys: { p256dh: 'p', auth: 'a' } }] } });
      expect(await store.enqueue([message])).toEqual([message]);
      expect(await store.get('msg_1')).toEqual({ ...message, attemptHistory: [] });
      expect(await store.get('msg_unknown')).toBeUndefined();
    });

    it('ignores a message whose idempotency key is already there, and says which were new', async () => {
      await store.enqueue([sampleOutboxMessage('msg_1', { idempotencyKey: 'k1' })]);
      const added = await store.enqueue([sampleOutboxMessage('msg_2', { idempotencyKey: 'k1' }), sampleOutboxMessage('msg_3', { idempotencyKey: 'k3' })]);
      expect(added.map((message) => message.id)).toEqual(['msg_3']);
      expect(await store.get('msg_2')).toBeUndefined();
      expect(await store.countByStatus()).toEqual({ pending: 2, delivered: 0, dead: 0 });
    });

    it('claims due pending messages oldest due first, once, until their lease ends', async () => {
      await store.enqueue([
        sampleOutboxMessage('msg_a', { nextAttemptAt: at(2000) }),
        sampleOutboxMessage('msg_b', { nextAttemptAt: at(1000) }),
        sampleOutboxMessage('msg_c', { nextAttemptAt: at(9000) }),
        sampleOutboxMessage('msg_d', { nextAttemptAt: at(0), status: 'dead' }),
      ]);
      expect(await store.nextDueAt()).toBe(T0 + 1000);
      expect((await store.claimDue(T0 + 5000, 1, T0 + 20_000)).map((message) => message.id)).toEqual(['msg_b']);
      expect((await store.claimDue(T0 + 5000, 10, T0 + 20_000)).map((message) => message.id)).toEqual(['msg_a']);
      expect(await store.claimDue(T0 + 5000, 10, T0 + 20_000)).toEqual([]);
      expect(await store.nextDueAt()).toBe(T0 + 9000);
      expect((await store.claimDue(T0 + 20_000, 10, T0 + 40_000)).map((message) => message.id).sort()).toEqual(['msg_a', 'msg_b', 'msg_c']);
    });

    it('records attempts: a retry moves the next attempt, delivery and death end it; history is kept in order', async () => {
      await store.enqueue([sampleOutboxMessage('msg_1'), sampleOutboxMessage('msg_2')]);
      const retried = await store.recordAttempt('msg_1', { at: at(0), outcome: 'failed', error: 'HTTP 500', durationMs: 12 }, { status: 'pending', nextAttemptAt: at(1500) });
      expect(retried).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: at(1500) });
      const delivered = await store.recordAttempt('msg_1', { at: at(1500), outcome: 'delivered', durationMs: 8 }, { status: 'delivered', deliveredAt: at(1508) });
      expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: at(1508), lastError: 'HTTP 500' });
      expect((await store.get('msg_1'))!.attemptHistory).toEqual([
        { at: at(0), outcome: 'failed', error: 'HTTP 500', durationMs: 12 },
        { at: at(1500), outcome: 'delivered', durationMs: 8 },
      ]);
      await store.recordAttempt('msg_2', { at: at(0), outcome: 'failed', error: 'no phone', durationMs: 0 }, { status: 'dead' });
      expect(await store.countByStatus()).toEqual({ pending: 0, delivered: 1, dead: 1 });
      expect(await store.nextDueAt()).toBeUndefined();
      expect(await store.recordAttempt('msg_nope', { at: at(0), outcome: 'delivered', durationMs: 1 }, { status: 'dead' })).toBeUndefined();
    });

    it('retries only a dead message: back to pending, counter at 0, history kept', async () => {
      await store.enqueue([sampleOutboxMessage('msg_1'), sampleOutboxMessage('msg_2')]);
      await store.recordAttempt('msg_1', { at: at(0), outcome: 'failed', error: 'down', durationMs: 3 }, { status: 'dead' });
      expect(await store.retry('msg_2', at(100))).toBe(false);
      expect(await store.retry('msg_nope', at(100))).toBe(false);
      expect(await store.retry('msg_1', at(100))).toBe(true);
      expect(await store.retry('msg_1', at(100))).toBe(false);
      const message = (await store.get('msg_1'))!;
      expect(message).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(100) });
      expect(message.attemptHistory).toHaveLength(1);
    });

    it('lists newest first, filtered, a page at a time', async () => {
      await store.enqueue([
        sampleOutboxMessage('msg_1', { channel: 'email', profileId: 'prf_a', campaignId: 'cmp_x' }),
        sampleOutboxMessage('msg_2', { channel: 'sms', profileId: 'prf_b', campaignId: 'cmp_x' }),
        sampleOutboxMessage('msg_3', { channel: 'email', profileId: 'prf_a', campaignId: 'cmp_y' }),
        sampleOutboxMessage('msg_4', { channel: 'email', profileId: 'prf_a', campaignId: 'cmp_x', status: 'dead' }),
      ]);
      const ids = async (filter: Parameters<OutboxStore['list']>[0]) => (await store.list(filter)).map((message) => message.id);
      expect(await ids({ limit: 10 })).toEqual(['msg_4', 'msg_3', 'msg_2', 'msg_1']);
      expect(await ids({ limit: 2 })).toEqual(['msg_4', 'msg_3']);
      expect(await ids({ limit: 2, before: 'msg_3' })).toEqual(['msg_2', 'msg_1']);
      expect(await ids({ limit: 10, channel: 'email', status: 'pending' })).toEqual(['msg_3', 'msg_1']);
      expect(await ids({ limit: 10, profileId: 'prf_a', campaignId: 'cmp_x' })).toEqual(['msg_4', 'msg_1']);
      expect(await ids({ limit: 10, campaignId: 'cmp_none' })).toEqual([]);
    });

    it('erases the messages of a profile with their attempts, and only those', async () => {
      await store.enqueue([sampleOutboxMessage('msg_1', { profileId: 'prf_a' }), sampleOutboxMessage('msg_2', { profileId: 'prf_b' })]);
      await store.recordAttempt('msg_1', { at: at(0), outcome: 'failed', error: 'down', durationMs: 1 }, { status: 'dead' });
      expect(await store.deleteProfile('prf_a')).toBe(1);
      expect(await store.get('msg_1')).toBeUndefined();
      expect(await store.get('msg_2')).toBeDefined();
      expect(await store.countByStatus()).toEqual({ pending: 1, delivered: 0, dead: 0 });
      expect(await store.deleteProfile('prf_a')).toBe(0);
    });

    it('hands out copies: changing a returned message changes nothing stored', async () => {
      await store.enqueue([sampleOutboxMessage('msg_1')]);
      const copy = (await store.get('msg_1'))!;
      copy.content.body = 'tampered';
      expect((await store.get('msg_1'))!.content.body).not.toBe('tampered');
    });
  });
}
