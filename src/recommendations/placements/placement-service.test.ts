import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { DEFAULT_PLACEMENTS, NAMED_PLACEMENT_IDS } from './default-placements.js';
import { InMemoryPlacementStore } from './in-memory-placement-store.js';
import type { PlacementInput } from './placement.js';
import { PlacementService } from './placement-service.js';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const cartInput: PlacementInput = { count: 3, chain: [{ strategy: 'bought_together', minEvidence: 5 }], rules: { pins: [{ productId: 'GIFT-WRAP', position: 3 }] } };

describe('PlacementService', () => {
  let store: InMemoryPlacementStore;
  let clock: ManualClock;
  let service: PlacementService;
  beforeEach(() => {
    store = new InMemoryPlacementStore();
    clock = new ManualClock(T0);
    service = new PlacementService({ store, clock });
  });

  it('lists the seven named placements with their defaults before anything is stored', async () => {
    const placements = await service.list();
    expect(placements.map((placement) => placement.id)).toEqual([...NAMED_PLACEMENT_IDS]);
    expect(placements[2]).toEqual({ id: 'product', ...DEFAULT_PLACEMENTS.product, version: 0, updatedAt: null });
    expect(await store.list()).toEqual([]);
  });

  it('overrides a named placement, and a DELETE restores its default', async () => {
    const { placement, created } = await service.put('cart', cartInput);
    expect(created).toBe(false);
    expect(placement).toMatchObject({ id: 'cart', count: 3, version: 1, updatedAt: T0, chain: [{ strategy: 'bought_together', minEvidence: 5 }] });
    expect(await service.get('cart')).toEqual(placement);
    expect((await service.list()).find((listed) => listed.id === 'cart')).toEqual(placement);

    clock.advance(1000);
    expect((await service.put('cart', { ...cartInput, count: 4 })).placement).toMatchObject({ count: 4, version: 2, updatedAt: T0 + 1000 });

    await service.delete('cart');
    expect(await service.get('cart')).toEqual({ id: 'cart', ...DEFAULT_PLACEMENTS.cart, version: 0, updatedAt: null });
    await expect(service.delete('cart')).resolves.toBeUndefined();
  });

  it('creates custom placements, lists them after the named ones by id, and removes them', async () => {
    expect((await service.put('sale', cartInput)).created).toBe(true);
    await service.put('black-friday', cartInput);
    expect((await service.list()).map((placement) => placement.id)).toEqual([...NAMED_PLACEMENT_IDS, 'black-friday', 'sale']);
    expect((await service.put('sale', cartInput)).created).toBe(false);
    await service.delete('sale');
    await expect(service.get('sale')).rejects.toMatchObject({ code: 'KAIROS_PLACEMENT_NOT_FOUND', statusCode: 404 });
    await expect(service.delete('sale')).rejects.toMatchObject({ code: 'KAIROS_PLACEMENT_NOT_FOUND' });
  });

  it('says which placements exist when one is not found', async () => {
    await service.put('sale', cartInput);
    await expect(service.get('nope')).rejects.toThrow('no placement with id "nope"; the placements are home, category, product, cart, email, search, store, sale');
  });

  it('replaces only the version it was given (0 for a default), answering 409 otherwise', async () => {
    await expect(service.put('home', { ...cartInput, version: 1 })).rejects.toMatchObject({ code: 'KAIROS_CONFLICT', details: [{ field: 'version' }] });
    expect((await service.put('home', { ...cartInput, version: 0 })).placement.version).toBe(1);
    await expect(service.put('home', { ...cartInput, version: 0 })).rejects.toThrow(/at version 1, not 0/);
    await expect(service.put('sale', { ...cartInput, version: 1 })).rejects.toThrow(/does not exist/);
    expect((await service.get('home')).version).toBe(1);
  });

  it('refuses an invalid placement, naming the fields, and stores nothing', async () => {
    await expect(service.put('cart', { ...cartInput, count: 2 })).rejects.toMatchObject({
      code: 'KAIROS_INVALID_REQUEST',
      statusCode: 400,
      details: [{ field: 'rules.pins.0.position', problem: 'must be at most count (2)' }],
    });
    expect(await store.list()).toEqual([]);
  });

  it('answers 409 when another server saved after this one last read, and then reads the new version', async () => {
    const otherServer = new PlacementService({ store, clock });
    await expect(service.get('sale')).rejects.toMatchObject({ code: 'KAIROS_PLACEMENT_NOT_FOUND' });
    await otherServer.put('sale', cartInput);
    await expect(service.put('sale', { ...cartInput, count: 5 })).rejects.toMatchObject({ code: 'KAIROS_CONFLICT' });
    expect((await service.get('sale')).count).toBe(3);
  });

  it('reads the store once, and again only after a change of its own', async () => {
    let reads = 0;
    const list = store.list.bind(store);
    store.list = async () => {
      reads += 1;
      return list();
    };
    await service.get('home');
    await service.get('cart');
    await service.list();
    expect(reads).toBe(1);
    await service.put('cart', cartInput);
    expect((await service.get('cart')).count).toBe(3);
    expect(reads).toBe(2);
    await service.delete('cart');
    expect((await service.get('cart')).count).toBe(DEFAULT_PLACEMENTS.cart.count);
    expect(reads).toBe(3);
  });

  it('hands out frozen placements, so no caller changes what the next request reads', async () => {
    await service.put('cart', cartInput);
    for (const id of ['home', 'cart']) {
      const placement = await service.get(id);
      expect(() => placement.chain.pop()).toThrow(TypeError);
      expect(() => {
        placement.rules.pins.length = 0;
      }).toThrow(TypeError);
    }
    expect((await service.get('home')).chain).toHaveLength(DEFAULT_PLACEMENTS.home.chain.length);
    expect((await service.get('cart')).rules.pins).toEqual([{ productId: 'GIFT-WRAP', position: 3 }]);
  });
});
