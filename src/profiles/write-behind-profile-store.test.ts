import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { InMemoryProfileStore } from './in-memory-profile-store.js';
import { emptyProfileState, type ProfileState } from './profile-state.js';
import { describeProfileStoreContract } from './profile-store.contract.js';
import { SqliteProfileStore } from './sqlite-profile-store.js';
import { WriteBehindProfileStore } from './write-behind-profile-store.js';

const T0 = Date.UTC(2026, 10, 24, 9);

describeProfileStoreContract('write-behind over sqlite, nothing held', () => new WriteBehindProfileStore(new SqliteProfileStore(openDatabase({ path: ':memory:' }))));

function withEvents(id: string, events: number): ProfileState {
  const state = emptyProfileState(id, T0);
  state.lifetime.events = events;
  return state;
}

async function storeWith(...saved: ProfileState[]): Promise<{ inner: InMemoryProfileStore; profiles: WriteBehindProfileStore }> {
  const inner = new InMemoryProfileStore();
  await inner.save(saved);
  return { inner, profiles: new WriteBehindProfileStore(inner) };
}

describe('WriteBehindProfileStore', () => {
  it('shows readers a held state over the saved one, as a copy they cannot change it through', async () => {
    const { inner, profiles } = await storeWith(withEvents('alice', 1), withEvents('bob', 1));
    const held = withEvents('alice', 5);
    profiles.hold(held, false);

    const loaded = await profiles.load(['alice', 'bob', 'nobody']);
    expect([...loaded.keys()]).toEqual(['alice', 'bob']);
    expect(loaded.get('alice')?.lifetime.events).toBe(5);
    expect(loaded.get('bob')?.lifetime.events).toBe(1);
    loaded.get('alice')!.lifetime.events = 99;
    expect(profiles.peek('alice')?.lifetime.events).toBe(5);
    // The store itself still has the saved state until a flush.
    expect((await inner.load(['alice'])).get('alice')?.lifetime.events).toBe(1);
    expect((await profiles.loadSaved(['alice'])).get('alice')?.lifetime.events).toBe(1);
  });

  it('counts held profiles the store has never had, once each', async () => {
    const { profiles } = await storeWith(withEvents('alice', 1));
    profiles.hold(withEvents('alice', 2), false);
    profiles.hold(withEvents('carol', 1), true);
    profiles.hold(withEvents('carol', 2), false);
    expect(await profiles.count()).toBe(2);
    expect(profiles.heldCount).toBe(2);
  });

  it('releases what a flush saved, so the store answers again and the count does not double', async () => {
    const { inner, profiles } = await storeWith();
    const carol = withEvents('carol', 3);
    profiles.hold(carol, true);
    await profiles.save([carol]);
    profiles.released([carol]);
    expect(profiles.heldCount).toBe(0);
    expect(profiles.peek('carol')).toBeUndefined();
    expect(await profiles.count()).toBe(1);
    expect((await inner.load(['carol'])).get('carol')?.lifetime.events).toBe(3);
  });

  it('deletes held and saved states together, so no later flush brings an erased profile back', async () => {
    const { inner, profiles } = await storeWith(withEvents('alice', 1));
    profiles.hold(withEvents('alice', 2), false);
    profiles.hold(withEvents('dave', 1), true);
    await profiles.delete(['alice', 'dave']);
    expect(profiles.heldIds()).toEqual([]);
    expect(await profiles.count()).toBe(0);
    expect(await inner.load(['alice'])).toEqual(new Map());
  });

  it('walks saved and never-saved profiles together in id order, held states in place of saved ones', async () => {
    const { profiles } = await storeWith(...['b', 'd', 'f', 'h'].map((id) => withEvents(id, 1)));
    profiles.hold(withEvents('d', 7), false);
    for (const id of ['a', 'c', 'e', 'i']) profiles.hold(withEvents(id, 2), true);

    const pages: string[][] = [];
    const seen: Record<string, number> = {};
    let after: string | undefined;
    for (;;) {
      const page = await profiles.scan(after, 3);
      if (page.length === 0) break;
      pages.push(page.map((state) => state.id));
      for (const state of page) seen[state.id] = state.lifetime.events;
      after = page[page.length - 1]!.id;
    }
    expect(pages.flat()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'h', 'i']);
    expect(pages.every((page) => page.length <= 3)).toBe(true);
    expect(seen).toEqual({ a: 2, b: 1, c: 2, d: 7, e: 2, f: 1, h: 1, i: 2 });
  });

  it('forgets a held state without touching the store', async () => {
    const { profiles } = await storeWith(withEvents('alice', 1));
    profiles.hold(withEvents('alice', 4), false);
    profiles.forget('alice');
    expect((await profiles.load(['alice'])).get('alice')?.lifetime.events).toBe(1);
    expect(await profiles.count()).toBe(1);
  });
});
