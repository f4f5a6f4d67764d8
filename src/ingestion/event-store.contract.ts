import { beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.js';
import type { StoredEvent } from './kairos-event.js';

/** 2024-03-10T10:00:00Z */
const T0 = Date.UTC(2024, 2, 10, 10, 0, 0);

/** A track event with none of the optional fields; `seq` 0 until the store assigns one. */
function event(messageId: string, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    messageId,
    type: 'track',
    properties: {},
    traits: {},
    context: {},
    timestamp: T0,
    receivedAt: T0 + 40,
    channel: 'web',
    seq: 0,
    profileId: 'profile-a',
    sessionId: 'session-a1',
    ...overrides,
  };
}

/** An event with every optional field set, nested and unusual values included. */
function fullEvent(messageId: string): StoredEvent {
  return event(messageId, {
    type: 'track',
    name: 'Order Completed',
    userId: 'user-42',
    anonymousId: 'anon-7f3a',
    previousId: 'old-anon-1',
    groupId: 'household-9',
    properties: { order_id: 'o-1', total: 129.95, products: [{ product_id: 'p1', quantity: 2 }], coupon: null, gift: false },
    traits: { email: 'sarah@example.com', name: 'Sarah “Sal” Ørsted', vip: true },
    context: { channel: 'store', device: { type: 'kiosk', id: 'k-7' }, locale: 'de-DE', tags: ['a', 'b'] },
    timestamp: T0 + 5,
    receivedAt: T0 + 90,
    sentAt: T0 + 80,
    originalTimestamp: T0 - 1_000,
    channel: 'store',
    storeId: 'store-berlin-1',
    profileId: 'profile-a',
    sessionId: 'session-a2',
  });
}

const ids = (events: StoredEvent[]) => events.map((e) => e.messageId);

/**
 * The behaviour every EventStore adapter must have. Each adapter's test file calls this with a factory
 * that returns an empty store.
 */
export function describeEventStoreContract(adapter: string, createStore: () => EventStore | Promise<EventStore>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await createStore();
    });

    describe('append', () => {
      it('assigns increasing seqs, writes each back onto the event given and reads the same seqs back', async () => {
        const first = [event('m1'), event('m2', { timestamp: T0 - 10 }), event('m3')];
        const second = [event('m4'), event('m5', { profileId: 'profile-b' })];
        await store.append(first);
        await store.append(second);
        const seqs = [...first, ...second].map((e) => e.seq);
        for (const seq of seqs) expect(Number.isInteger(seq) && seq > 0).toBe(true);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
        const read = [...(await store.history('profile-a', { limit: 10 })), ...(await store.history('profile-b', { limit: 10 }))];
        expect(read.map((e) => [e.messageId, e.seq])).toEqual([
          ['m2', first[1]!.seq],
          ['m1', first[0]!.seq],
          ['m3', first[2]!.seq],
          ['m4', second[0]!.seq],
          ['m5', second[1]!.seq],
        ]);
        expect(await store.count()).toBe(5);
      });

      it('gives a new event a seq above every seq still in the log, also after an erasure', async () => {
        // Only order among the events kept is promised: SQLite may reuse the seq of an erased newest event.
        const kept = event('kept');
        await store.append([kept, event('erased', { profileId: 'profile-gone' })]);
        await store.deleteProfile('profile-gone');
        const next = event('next');
        await store.append([next]);
        expect(next.seq).toBeGreaterThan(kept.seq);
        expect(ids(await store.history('profile-a', { limit: 10 }))).toEqual(['kept', 'next']);
      });

      it('rejects a messageId that is already in the log and keeps the stored event', async () => {
        await store.append([event('m1', { name: 'original' })]);
        await expect(store.append([event('m1', { name: 'replayed', profileId: 'profile-b' })])).rejects.toThrow();
        expect(await store.count()).toBe(1);
        expect((await store.history('profile-a', { limit: 10 })).map((e) => e.name)).toEqual(['original']);
        expect(await store.history('profile-b', { limit: 10 })).toEqual([]);
      });
    });

    describe('knownMessageIds', () => {
      it('answers exactly the ids that are in the log', async () => {
        await store.append([event('m1'), event('m2'), event('m3', { profileId: 'profile-b' })]);
        expect(await store.knownMessageIds(['m2', 'unknown', 'm3', 'm2', 'M1'])).toEqual(new Set(['m2', 'm3']));
        expect(await store.knownMessageIds(['nope'])).toEqual(new Set());
        expect(await store.knownMessageIds([])).toEqual(new Set());
      });

      it('answers for more ids than one query takes', async () => {
        const stored = Array.from({ length: 1_203 }, (_, i) => `msg-${String(i).padStart(5, '0')}`);
        await store.append(stored.map((id) => event(id)));
        const unknown = Array.from({ length: 400 }, (_, i) => `other-${i}`);
        const asked = stored.flatMap((id, i) => (i < unknown.length ? [unknown[i]!, id] : [id]));
        const known = await store.knownMessageIds(asked);
        expect(known.size).toBe(1_203);
        expect(known).toEqual(new Set(stored));
      });

      it('matches ids with quotes, backslashes, SQL and JSON syntax and unicode exactly', async () => {
        const odd = ["it's", '"quoted"', 'back\\slash', "' OR 1=1 --", '["a"]', '%_', 'naïve', '日本語-ID', 'cart 🛒', ' padded '];
        await store.append(odd.map((id) => event(id)));
        const nearMisses = ['its', 'quoted', 'naive', 'cart', 'padded', '%', 'a'];
        expect(await store.knownMessageIds([...nearMisses, ...odd])).toEqual(new Set(odd));
        expect(await store.knownMessageIds(["it's"])).toEqual(new Set(["it's"]));
      });

      it('forgets the ids of erased events', async () => {
        await store.append([event('m1'), event('m2', { profileId: 'profile-b' })]);
        await store.deleteProfile('profile-a');
        expect(await store.knownMessageIds(['m1', 'm2'])).toEqual(new Set(['m2']));
      });
    });

    describe('history', () => {
      /** Appended out of time order, with ties on timestamp that only seq breaks. */
      async function appendMixedTimes(): Promise<void> {
        await store.append([
          event('late-1', { timestamp: T0 + 2 }),
          event('first-1', { timestamp: T0 }),
          event('other-profile', { timestamp: T0 + 1, profileId: 'profile-b' }),
          event('mid', { timestamp: T0 + 1 }),
          event('first-2', { timestamp: T0 }),
          event('late-2', { timestamp: T0 + 2 }),
        ]);
      }

      it("returns one profile's events oldest first, ties in the order appended", async () => {
        await appendMixedTimes();
        expect(ids(await store.history('profile-a', { limit: 100 }))).toEqual(['first-1', 'first-2', 'mid', 'late-1', 'late-2']);
        expect(ids(await store.history('profile-b', { limit: 100 }))).toEqual(['other-profile']);
        expect(await store.history('profile-unknown', { limit: 100 })).toEqual([]);
      });

      it('returns at most limit events', async () => {
        await appendMixedTimes();
        expect(ids(await store.history('profile-a', { limit: 2 }))).toEqual(['first-1', 'first-2']);
      });

      it('pages with the last event of a page as the cursor, through ties on timestamp', async () => {
        const sameTime = ['t1', 't2', 't3', 't4', 't5'].map((id) => event(id, { timestamp: T0 }));
        await store.append([event('later', { timestamp: T0 + 1 }), ...sameTime, event('earlier', { timestamp: T0 - 1 })]);
        const pages: string[][] = [];
        let after: StoredEvent | undefined;
        for (let guard = 0; guard < 10; guard++) {
          const page = await store.history('profile-a', after ? { after, limit: 3 } : { limit: 3 });
          pages.push(ids(page));
          if (page.length < 3) break;
          after = page[page.length - 1];
        }
        expect(pages).toEqual([['earlier', 't1', 't2'], ['t3', 't4', 't5'], ['later']]);
      });

      it('starts strictly after a cursor given as timestamp and seq', async () => {
        const b = event('b', { timestamp: T0 });
        await store.append([event('a', { timestamp: T0 }), b, event('c', { timestamp: T0 }), event('d', { timestamp: T0 + 1 })]);
        expect(ids(await store.history('profile-a', { after: { timestamp: T0, seq: b.seq }, limit: 10 }))).toEqual(['c', 'd']);
        expect(ids(await store.history('profile-a', { after: { timestamp: T0 - 1, seq: Number.MAX_SAFE_INTEGER }, limit: 10 }))).toEqual(['a', 'b', 'c', 'd']);
        expect(ids(await store.history('profile-a', { after: { timestamp: T0 + 1, seq: 0 }, limit: 10 }))).toEqual(['d']);
        expect(await store.history('profile-a', { after: { timestamp: T0 + 1, seq: Number.MAX_SAFE_INTEGER }, limit: 10 })).toEqual([]);
      });
    });

    describe('latest', () => {
      it("returns one profile's newest events first, ties newest appended first", async () => {
        await store.append([
          event('late-1', { timestamp: T0 + 2 }),
          event('first', { timestamp: T0 }),
          event('other-profile', { timestamp: T0 + 9, profileId: 'profile-b' }),
          event('mid', { timestamp: T0 + 1 }),
          event('late-2', { timestamp: T0 + 2 }),
        ]);
        expect(ids(await store.latest('profile-a', 3))).toEqual(['late-2', 'late-1', 'mid']);
        expect(ids(await store.latest('profile-a', 10))).toEqual(['late-2', 'late-1', 'mid', 'first']);
        expect(await store.latest('profile-unknown', 10)).toEqual([]);
      });
    });

    describe('namedSince', () => {
      it("returns one profile's events of the given names since a time, newest first, at most the limit", async () => {
        await store.append([
          event('old-view', { name: 'Product Viewed', timestamp: T0 - 10 }),
          event('view-1', { name: 'Product Viewed', timestamp: T0 }),
          event('add', { name: 'Product Added', timestamp: T0 + 1 }),
          event('page', { type: 'page', timestamp: T0 + 2 }),
          event('view-2', { name: 'Product Viewed', timestamp: T0 + 3 }),
          event('other-profile', { name: 'Product Viewed', timestamp: T0 + 4, profileId: 'profile-b' }),
        ]);
        expect(ids(await store.namedSince('profile-a', ['Product Viewed'], T0, 10))).toEqual(['view-2', 'view-1']);
        expect(ids(await store.namedSince('profile-a', ['Product Viewed', 'Product Added'], 0, 3))).toEqual(['view-2', 'add', 'view-1']);
        expect(await store.namedSince('profile-a', ['Order Completed'], 0, 10)).toEqual([]);
      });
    });

    describe('reassignProfile', () => {
      it("moves the whole history of one profile into the other's, in time order", async () => {
        await store.append([
          event('a1', { timestamp: T0, profileId: 'survivor' }),
          event('b1', { timestamp: T0 + 1, profileId: 'merged' }),
          event('a2', { timestamp: T0 + 2, profileId: 'survivor' }),
          event('b2', { timestamp: T0 + 3, profileId: 'merged' }),
          event('c1', { timestamp: T0 + 1, profileId: 'bystander' }),
        ]);
        await store.reassignProfile('merged', 'survivor');
        const history = await store.history('survivor', { limit: 10 });
        expect(history.map((e) => [e.messageId, e.profileId])).toEqual([
          ['a1', 'survivor'],
          ['b1', 'survivor'],
          ['a2', 'survivor'],
          ['b2', 'survivor'],
        ]);
        expect(await store.history('merged', { limit: 10 })).toEqual([]);
        expect(ids(await store.latest('survivor', 1))).toEqual(['b2']);
        expect(ids(await store.history('bystander', { limit: 10 }))).toEqual(['c1']);
        expect(await store.count()).toBe(5);
      });
    });

    describe('deleteProfile', () => {
      it("removes only that profile's events and says how many", async () => {
        await store.append([
          event('a1', { profileId: 'erase-me' }),
          event('b1', { profileId: 'keep-me' }),
          event('a2', { profileId: 'erase-me', timestamp: T0 + 1 }),
          event('a3', { profileId: 'erase-me', timestamp: T0 + 2 }),
        ]);
        expect(await store.deleteProfile('erase-me')).toBe(3);
        expect(await store.history('erase-me', { limit: 10 })).toEqual([]);
        expect(ids(await store.history('keep-me', { limit: 10 }))).toEqual(['b1']);
        expect(await store.count()).toBe(1);
        expect(await store.deleteProfile('erase-me')).toBe(0);
        expect(await store.deleteProfile('never-seen')).toBe(0);
      });
    });

    describe('readAfter and lastSeq', () => {
      it('pages through the whole log in append order, across profiles', async () => {
        expect(await store.lastSeq()).toBe(0);
        expect(await store.readAfter(0, 10)).toEqual([]);
        await store.append([event('a', { timestamp: T0 + 5 }), event('b', { profileId: 'profile-b', timestamp: T0 }), event('c')]);
        const first = await store.readAfter(0, 2);
        expect(first.map((e) => e.messageId)).toEqual(['a', 'b']);
        const rest = await store.readAfter(first[1]!.seq, 2);
        expect(rest.map((e) => e.messageId)).toEqual(['c']);
        expect(await store.lastSeq()).toBe(rest[0]!.seq);
        expect(rest[0]).toEqual(event('c', { seq: rest[0]!.seq }));
      });
    });

    describe('count and countsByName', () => {
      it('counts nothing in an empty log', async () => {
        expect(await store.count()).toBe(0);
        expect(await store.countsByName()).toEqual({});
      });

      it('counts track events by name and every other call by type', async () => {
        await store.append([
          event('v1', { name: 'Product Viewed' }),
          event('v2', { name: 'Product Viewed', profileId: 'profile-b' }),
          event('o1', { name: 'Order Completed' }),
          event('t1'),
          event('p1', { type: 'page', name: 'Home' }),
          event('p2', { type: 'page', name: 'Product Viewed' }),
          event('s1', { type: 'screen' }),
          event('i1', { type: 'identify' }),
          event('i2', { type: 'identify' }),
          event('g1', { type: 'group', groupId: 'g' }),
          event('al', { type: 'alias', previousId: 'x' }),
        ]);
        expect(await store.count()).toBe(11);
        expect(await store.countsByName()).toEqual({
          'Product Viewed': 2,
          'Order Completed': 1,
          track: 1,
          page: 2,
          screen: 1,
          identify: 2,
          group: 1,
          alias: 1,
        });
      });
    });

    describe('round trip', () => {
      it('returns an event with every optional field as it was appended', async () => {
        const full = fullEvent('full');
        await store.append([full]);
        expect(full.seq).toBeGreaterThan(0);
        expect(await store.history('profile-a', { limit: 1 })).toStrictEqual([full]);
        expect(await store.latest('profile-a', 1)).toStrictEqual([full]);
      });

      it('returns an event without optional fields and with empty objects without adding any', async () => {
        const bare = event('bare');
        const identify = event('identify', { type: 'identify', traits: { email: 'a@example.com' }, timestamp: T0 + 1 });
        const page = event('page', { type: 'page', name: 'Home', context: { page: { path: '/' } }, timestamp: T0 + 2 });
        await store.append([bare, identify, page]);
        const read = await store.history('profile-a', { limit: 10 });
        expect(read).toStrictEqual([bare, identify, page]);
        expect(Object.keys(read[0]!).sort()).toEqual(
          ['channel', 'context', 'messageId', 'profileId', 'properties', 'receivedAt', 'seq', 'sessionId', 'timestamp', 'traits', 'type'],
        );
      });

      it('does not let a caller change a stored event through the objects it passed or got', async () => {
        const appended = fullEvent('full');
        await store.append([appended]);
        const expected = fullEvent('full');
        expected.seq = appended.seq;
        appended.properties.total = 0;
        (appended.context.device as Record<string, unknown>).type = 'changed';
        const read = await store.history('profile-a', { limit: 1 });
        read[0]!.traits.vip = false;
        (read[0]!.properties.products as unknown[]).push('changed');
        expect(await store.history('profile-a', { limit: 1 })).toStrictEqual([expected]);
      });
    });
  });
}
