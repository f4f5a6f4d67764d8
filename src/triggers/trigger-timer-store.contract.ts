import { beforeEach, describe, expect, it } from 'vitest';
import type { TriggerTimer } from './trigger-timer.js';
import type { TriggerTimerStore } from './trigger-timer-store.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

function timer(key: string, dueAt: number, overrides: Partial<TriggerTimer> = {}): TriggerTimer {
  return { key, kind: 'cart_abandonment', campaignId: 'cmp_1', profileId: 'prf_1', dueAt, payload: { channel: 'web', anonymousId: 'a1', cartChangedAt: T0 }, ...overrides };
}

/** The behaviour every TriggerTimerStore adapter must have. */
export function describeTriggerTimerStoreContract(adapter: string, create: () => TriggerTimerStore): void {
  describe(`TriggerTimerStore contract: ${adapter}`, () => {
    let store: TriggerTimerStore;
    beforeEach(() => {
      store = create();
    });

    it('gives back due timers, earliest first, with their payload, and says when the next is due', async () => {
      await store.reschedule(timer('b', T0 + 2000));
      await store.reschedule(timer('a', T0 + 1000));
      await store.reschedule(timer('later', T0 + 60_000));
      expect(await store.nextDueAt()).toBe(T0 + 1000);
      const due = await store.due(T0 + 5000, 10);
      expect(due.map((found) => found.key)).toEqual(['a', 'b']);
      expect(due[0]).toEqual(timer('a', T0 + 1000));
      expect(await store.due(T0 + 5000, 1)).toHaveLength(1);
    });

    it('claims a timer once; a claimed timer is no longer due', async () => {
      await store.reschedule(timer('a', T0));
      expect(await store.claim('a')).toBe(true);
      expect(await store.claim('a')).toBe(false);
      expect(await store.claim('unknown')).toBe(false);
      expect(await store.due(T0 + 1, 10)).toEqual([]);
      expect(await store.status('a')).toBe('fired');
      expect(await store.nextDueAt()).toBeUndefined();
    });

    it('moves a timer on reschedule, re-arming a spent one; scheduleOnce never touches an existing key', async () => {
      await store.reschedule(timer('cart', T0));
      await store.reschedule(timer('cart', T0 + 5000));
      expect((await store.due(T0 + 10_000, 10)).map((found) => found.dueAt)).toEqual([T0 + 5000]);
      await store.claim('cart');
      await store.scheduleOnce(timer('cart', T0 + 9000));
      expect(await store.status('cart')).toBe('fired');
      await store.reschedule(timer('cart', T0 + 9000));
      expect(await store.status('cart')).toBe('pending');
    });

    it('cancels only the profile’s pending timers of the kind', async () => {
      await store.reschedule(timer('mine', T0));
      await store.reschedule(timer('dwell', T0, { kind: 'dwell' }));
      await store.reschedule(timer('theirs', T0, { profileId: 'prf_2' }));
      await store.reschedule(timer('spent', T0));
      await store.claim('spent');
      expect(await store.cancel('prf_1', 'cart_abandonment')).toBe(1);
      expect(await store.status('mine')).toBe('cancelled');
      expect(await store.status('spent')).toBe('fired');
      expect((await store.due(T0, 10)).map((found) => found.key).sort()).toEqual(['dwell', 'theirs']);
    });
  });
}
