import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PLACEMENTS } from './default-placements.js';
import type { Placement } from './placement.js';
import type { PlacementStore } from './placement-store.js';

export function samplePlacement(id: string, overrides: Partial<Placement> = {}): Placement {
  return { id, ...structuredClone(DEFAULT_PLACEMENTS.product), version: 1, updatedAt: Date.parse('2026-11-23T10:00:00.000Z'), ...overrides };
}

/** The behaviour every PlacementStore adapter must have; each adapter's test calls it with a factory. */
export function describePlacementStoreContract(adapter: string, createStore: () => PlacementStore): void {
  describe(`PlacementStore contract: ${adapter}`, () => {
    let store: PlacementStore;
    beforeEach(() => {
      store = createStore();
    });

    it('returns a placement as it was saved', async () => {
      const placement = samplePlacement('gifts', {
        description: 'Gift ideas',
        personalize: null,
        rules: { ...samplePlacement('x').rules, boosts: [{ match: { field: 'attributes.organic', in: [true, 'yes', 1] }, factor: 1.5 }], pins: [{ productId: 'P1', position: 2 }] },
      });
      expect(await store.save(placement, undefined)).toBe(true);
      expect(await store.get('gifts')).toEqual(placement);
      expect(await store.get('unknown')).toBeUndefined();
    });

    it('saves only over the expected version, so concurrent edits cannot overwrite each other', async () => {
      await store.save(samplePlacement('home'), undefined);
      expect(await store.save(samplePlacement('home', { count: 3 }), undefined)).toBe(false);
      expect(await store.save(samplePlacement('home', { count: 4, version: 2 }), 1)).toBe(true);
      expect(await store.save(samplePlacement('home', { count: 5, version: 2 }), 1)).toBe(false);
      expect(await store.save(samplePlacement('ghost', { version: 2 }), 1)).toBe(false);
      expect((await store.get('home'))?.count).toBe(4);
      expect(await store.get('ghost')).toBeUndefined();
    });

    it('lists by id', async () => {
      for (const id of ['sale', 'home', 'sale-2', 'sale_1']) await store.save(samplePlacement(id), undefined);
      expect((await store.list()).map((placement) => placement.id)).toEqual(['home', 'sale', 'sale-2', 'sale_1']);
    });

    it('deletes', async () => {
      await store.save(samplePlacement('home'), undefined);
      expect(await store.delete('home')).toBe(true);
      expect(await store.delete('home')).toBe(false);
      expect(await store.get('home')).toBeUndefined();
      expect(await store.save(samplePlacement('home'), undefined)).toBe(true);
    });

    it('hands out copies: changing a returned placement changes nothing stored', async () => {
      await store.save(samplePlacement('home'), undefined);
      const copy = (await store.get('home'))!;
      copy.chain[0]!.strategy = 'trending';
      expect((await store.get('home'))!.chain[0]!.strategy).toBe('viewed_together');
    });
  });
}
