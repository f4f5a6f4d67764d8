import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KairosEvent } from '../ingestion/kairos-event.js';
import { openDatabase, type SqliteDatabase } from '../storage/sqlite/open-database.js';
import { SqliteTransactionRunner } from '../storage/sqlite/sqlite-transaction-runner.js';
import { applyEvent } from './apply-event.js';
import { emptyProfileState, type ProfileState } from './profile-state.js';
import { SqliteProfileStore } from './sqlite-profile-store.js';

const AT = Date.UTC(2026, 10, 25, 9);
let directory: string | undefined;

afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

function storePath(): string {
  directory = mkdtempSync(join(tmpdir(), 'kairos-codec-'));
  return join(directory, 'kairos.db');
}

function event(overrides: Partial<KairosEvent>): KairosEvent {
  return { messageId: `m-${Math.random()}`, type: 'track', channel: 'web', timestamp: AT, receivedAt: AT, properties: {}, traits: {}, context: {}, ...overrides };
}

/** A state with sessions, affinities, purchases, consent and traits, as shoppers' states are. */
function shopperState(id: string, trait: Record<string, string> = { firstName: 'Sarah' }): ProfileState {
  const state = emptyProfileState(id, AT);
  applyEvent(state, event({ type: 'identify', traits: { ...trait, email: 'sarah@example.com', consent: { email: true } } }));
  applyEvent(state, event({ name: 'Product Viewed', properties: { product_id: 'sku-1', category: 'shoes', brand: 'acme', price: 59.9 } }));
  applyEvent(state, event({ name: 'Product Added', properties: { product_id: 'sku-1', price: 59.9, quantity: 1 } }));
  applyEvent(state, event({ name: 'Order Completed', properties: { order_id: 'o-1', revenue: 59.9, products: [{ product_id: 'sku-1', price: 59.9 }] } }));
  applyEvent(state, event({ name: 'Product Viewed', channel: 'app', properties: { product_id: 'sku-2', category: 'bags' } }));
  state.deliveries = [{ campaignId: 'cmp_1', channel: 'web', at: AT, decisionId: 'dec_1', variantId: 'a' }];
  state.seq = 5;
  return state;
}

function storedFormat(db: SqliteDatabase, id: string): string {
  return db.prepare('SELECT typeof(state) FROM profiles WHERE id = ?').pluck().get(id) as string;
}

describe('profile states as MessagePack records', () => {
  it('stores a state in a fraction of its JSON size and reads back exactly what was saved', async () => {
    const db = openDatabase({ path: ':memory:' });
    const store = new SqliteProfileStore(db);
    const state = shopperState('prf_1');
    await store.save([state]);
    expect(storedFormat(db, 'prf_1')).toBe('blob');
    const bytes = db.prepare('SELECT length(state) FROM profiles WHERE id = ?').pluck().get('prf_1') as number;
    expect(bytes).toBeLessThan(JSON.stringify(state).length * 0.6);
    expect((await store.load(['prf_1'])).get('prf_1')).toStrictEqual(JSON.parse(JSON.stringify(state)));
  });

  it('reads the states a store saved as JSON before, and saves them as records when they change', async () => {
    const db = openDatabase({ path: ':memory:' });
    const legacy = shopperState('prf_old');
    db.prepare('INSERT INTO profiles (id, created_at, updated_at, state) VALUES (?, ?, ?, ?)').run('prf_old', AT, AT, JSON.stringify(legacy));
    const store = new SqliteProfileStore(db);
    expect((await store.load(['prf_old'])).get('prf_old')).toStrictEqual(legacy);
    expect(await store.scan(undefined, 10)).toStrictEqual([legacy]);
    await store.save([{ ...legacy, updatedAt: AT + 1 }]);
    expect(storedFormat(db, 'prf_old')).toBe('blob');
    expect((await store.load(['prf_old'])).get('prf_old')?.updatedAt).toBe(AT + 1);
  });

  it('keeps the shared structures in the store, so another process reads the states after a restart', async () => {
    const path = storePath();
    const first = openDatabase({ path });
    const states = ['prf_1', 'prf_2', 'prf_3'].map((id) => shopperState(id));
    await new SqliteProfileStore(first).save(states);
    first.close();

    const reopened = new SqliteProfileStore(openDatabase({ path }));
    const loaded = await reopened.load(states.map((state) => state.id));
    for (const state of states) expect(loaded.get(state.id)).toStrictEqual(JSON.parse(JSON.stringify(state)));
  });

  it('never saves a state that refers to a structure a rolled-back transaction took with it', async () => {
    const path = storePath();
    const db = openDatabase({ path });
    const store = new SqliteProfileStore(db);
    const runner = new SqliteTransactionRunner(db);
    // The first state of these shapes adds their structures, in a transaction that then fails.
    await expect(
      runner.run(async () => {
        await store.save([shopperState('prf_lost')]);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    const kept = shopperState('prf_kept');
    await runner.run(() => store.save([kept]));
    db.close();

    const reopened = new SqliteProfileStore(openDatabase({ path }));
    expect((await reopened.load(['prf_kept', 'prf_lost'])).get('prf_kept')).toStrictEqual(JSON.parse(JSON.stringify(kept)));
  });

  it('shares only the structures of the state’s own fields: a key a client chose is erased with the profile', async () => {
    const path = storePath();
    const db = openDatabase({ path });
    const store = new SqliteProfileStore(db);
    await store.save([shopperState('prf_1', { 'fav-colour-of-zq81x': 'teal' })]);
    const structures = db.prepare('SELECT structures FROM profile_state_structures').pluck().get() as string;
    expect(structures).toContain('categoryAffinity');
    expect(structures).not.toContain('fav-colour-of-zq81x');
    expect(structures).not.toContain('firstName');

    db.pragma('secure_delete = ON');
    await store.delete(['prf_1']);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readFileSync(path).includes('fav-colour-of-zq81x')).toBe(false);
  });
});
