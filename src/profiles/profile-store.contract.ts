import { beforeEach, describe, expect, it } from 'vitest';
import { emptyProfileState, type ProfileState } from './profile-state.js';
import type { ProfileStore } from './profile-store.js';

/** 2024-03-10T10:00:00Z */
const T0 = Date.UTC(2024, 2, 10, 10, 0, 0);
const MINUTE = 60_000;

/** A profile with every part filled in, optional fields included. */
function richProfile(id: string): ProfileState {
  const state = emptyProfileState(id, T0);
  state.updatedAt = T0 + 30 * MINUTE;
  state.traits = { email: 'sarah@example.com', name: 'Sarah “Sal” Ørsted', vip: true, kids: 2, tags: ['runner', 'outdoor'], address: { city: 'Berlin' } };
  state.consent = {
    email: { granted: true, at: T0 + MINUTE, source: 'identify', messageId: 'm-consent-1' },
    sms: { granted: false, at: T0 + 2 * MINUTE, source: 'api', messageId: 'm-consent-2' },
  };
  state.sessions = {
    web: {
      id: 'session-web-1',
      channel: 'web',
      startedAt: T0,
      lastEventAt: T0 + 20 * MINUTE,
      events: 7,
      productViews: 4,
      products: ['p1', 'p2'],
      categories: ['Shoes > Running'],
      cartAdds: 2,
      cartValue: 179.9,
      searches: 1,
      purchases: 0,
      productDwellMs: 95_000,
      openProductViewAt: T0 + 19 * MINUTE,
      firstVisit: true,
      explicitId: 'client-session-9',
      deviceType: 'mobile',
    },
    store: {
      id: 'session-store-1',
      channel: 'store',
      startedAt: T0 + 25 * MINUTE,
      lastEventAt: T0 + 30 * MINUTE,
      events: 1,
      productViews: 0,
      products: [],
      categories: [],
      cartAdds: 0,
      cartValue: 0,
      searches: 0,
      purchases: 1,
      productDwellMs: 0,
      firstVisit: false,
      storeId: 'store-berlin-1',
    },
  };
  state.lifetime = {
    firstSeenAt: T0 - 90 * 24 * 60 * MINUTE,
    lastSeenAt: T0 + 30 * MINUTE,
    events: 152,
    sessions: 12,
    orders: 3,
    revenue: 412.35,
    lastOrderAt: T0 + 30 * MINUTE,
    channelMix: { web: 140, store: 12 },
    categoryAffinity: [
      { name: 'Shoes > Running', score: 3.25, at: T0 },
      { name: 'Outdoor', score: 0.5, at: T0 - MINUTE },
    ],
    brandAffinity: [{ name: 'Acme', score: 1.75, at: T0 }],
    lastLocation: { latitude: 52.52, longitude: 13.405, city: 'Berlin', country: 'DE', region: 'BE', timezone: 'Europe/Berlin', storeId: 'store-berlin-1', at: T0 },
    timezone: 'Europe/Berlin',
  };
  return state;
}

/** A small profile that differs per index, so a mix-up between profiles shows. */
function numberedProfile(index: number): ProfileState {
  const state = emptyProfileState(`profile-${String(index).padStart(5, '0')}`, T0 + index);
  state.lifetime.events = index;
  state.traits = { index };
  return state;
}

/**
 * The behaviour every ProfileStore adapter must have. Each adapter's test file calls this with a
 * factory that returns an empty store.
 */
export function describeProfileStoreContract(adapter: string, createStore: () => ProfileStore | Promise<ProfileStore>): void {
  describe(`ProfileStore contract: ${adapter}`, () => {
    let store: ProfileStore;
    beforeEach(async () => {
      store = await createStore();
    });

    describe('load', () => {
      it('loads one profile by id', async () => {
        await store.save([richProfile('alice'), emptyProfileState('bob', T0)]);
        expect(await store.load(['alice'])).toStrictEqual(new Map([['alice', richProfile('alice')]]));
      });

      it('leaves ids it does not know out of the map', async () => {
        await store.save([emptyProfileState('alice', T0), emptyProfileState('bob', T0)]);
        expect(await store.load(['nobody'])).toStrictEqual(new Map());
        expect(await store.load([])).toStrictEqual(new Map());
        const loaded = await store.load(['nobody', 'bob', 'ghost']);
        expect([...loaded.keys()]).toEqual(['bob']);
        expect(loaded.get('bob')).toStrictEqual(emptyProfileState('bob', T0));
      });

      it('loads more profiles than one query takes, each under its own id', async () => {
        const profiles = Array.from({ length: 1_203 }, (_, i) => numberedProfile(i));
        await store.save(profiles);
        const asked = [...profiles.map((p) => p.id), 'missing-1', 'missing-2'].reverse();
        const loaded = await store.load(asked);
        expect(loaded.size).toBe(1_203);
        expect(loaded).toStrictEqual(new Map(profiles.map((p) => [p.id, p])));
        expect(loaded.get('profile-01202')?.lifetime.events).toBe(1_202);
      });

      it('loads ids with quotes, backslashes and unicode, alone and together', async () => {
        const odd = ["o'brien", '"quoted"', 'back\\slash', 'naïve', '日本語', 'cart 🛒'];
        await store.save(odd.map((id) => emptyProfileState(id, T0)));
        for (const id of odd) expect([...(await store.load([id])).keys()]).toEqual([id]);
        expect(new Set((await store.load([...odd, 'obrien', 'naive'])).keys())).toEqual(new Set(odd));
      });
    });

    describe('save', () => {
      it('returns a changed profile with every field as it was saved', async () => {
        await store.save([richProfile('alice')]);
        expect((await store.load(['alice'])).get('alice')).toStrictEqual(richProfile('alice'));
        expect((await store.load(['alice', 'other'])).get('alice')).toStrictEqual(richProfile('alice'));
      });

      it('overwrites a saved profile completely, removed fields included', async () => {
        await store.save([richProfile('alice'), emptyProfileState('bob', T0)]);
        const replacement = emptyProfileState('alice', T0 - MINUTE);
        replacement.updatedAt = T0 + 60 * MINUTE;
        replacement.traits = { email: 'new@example.com' };
        await store.save([replacement]);
        expect((await store.load(['alice'])).get('alice')).toStrictEqual(replacement);
        expect(await store.count()).toBe(2);
      });

      it('keeps the later of two states with the same id in one call', async () => {
        const first = emptyProfileState('alice', T0);
        const second = emptyProfileState('alice', T0);
        second.lifetime.events = 2;
        await store.save([first, second]);
        expect((await store.load(['alice'])).get('alice')?.lifetime.events).toBe(2);
        expect(await store.count()).toBe(1);
      });

      it('does not let a caller change a stored profile through the objects it passed or got', async () => {
        const saved = richProfile('alice');
        await store.save([saved]);
        saved.traits.email = 'changed@example.com';
        saved.lifetime.categoryAffinity[0]!.score = 0;
        const loaded = (await store.load(['alice'])).get('alice')!;
        loaded.sessions.web!.products.push('changed');
        loaded.lifetime.orders = 99;
        expect((await store.load(['alice'])).get('alice')).toStrictEqual(richProfile('alice'));
      });
    });

    describe('delete and count', () => {
      it('counts nothing in an empty store', async () => {
        expect(await store.count()).toBe(0);
      });

      it('deletes the given profiles only and ignores unknown ids', async () => {
        await store.save([emptyProfileState('alice', T0), emptyProfileState('bob', T0), emptyProfileState('carol', T0)]);
        expect(await store.count()).toBe(3);
        await store.delete(['alice', 'nobody', 'carol']);
        expect([...(await store.load(['alice', 'bob', 'carol'])).keys()]).toEqual(['bob']);
        expect(await store.count()).toBe(1);
        await store.delete([]);
        expect(await store.count()).toBe(1);
      });

      it('walks every profile in id order, page by page', async () => {
        await store.save(['carol', 'alice', 'dave', 'bob', 'eve'].map((id) => emptyProfileState(id, T0)));
        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store.scan(after, 2);
          if (page.length === 0) break;
          pages.push(page.map((state) => state.id));
          after = page[page.length - 1]!.id;
        }
        expect(pages).toEqual([['alice', 'bob'], ['carol', 'dave'], ['eve']]);
      });

      it('keeps the log position the saved states are complete through', async () => {
        const fresh = await store.savedThrough();
        expect(fresh).toBe(0);
        await store.markSavedThrough(1_234);
        expect(await store.savedThrough()).toBe(1_234);
        await store.markSavedThrough(1_240);
        expect(await store.savedThrough()).toBe(1_240);
      });

      it('saves a deleted profile again as new', async () => {
        await store.save([richProfile('alice')]);
        await store.delete(['alice']);
        await store.save([emptyProfileState('alice', T0 + MINUTE)]);
        expect((await store.load(['alice'])).get('alice')).toStrictEqual(emptyProfileState('alice', T0 + MINUTE));
      });
    });
  });
}
