import { beforeEach, describe, expect, it } from 'vitest';
import type { RetailStore } from './retail-store.js';
import type { RetailStoreDirectory } from './retail-store-directory.js';

export function sampleStore(id: string, overrides: Partial<RetailStore> = {}): RetailStore {
  return {
    id,
    name: `Store ${id}`,
    location: { latitude: 52.3731, longitude: 4.8922 },
    geofence: { type: 'circle', radiusMeters: 80 },
    wifi: [{ ssid: 'Shop-Guest' }],
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

/** The behaviour every RetailStoreDirectory adapter must have. */
export function describeRetailStoreDirectoryContract(adapter: string, create: () => RetailStoreDirectory): void {
  describe(`RetailStoreDirectory contract: ${adapter}`, () => {
    let directory: RetailStoreDirectory;
    beforeEach(() => {
      directory = create();
    });

    it('returns a store as it was put, and lists stores by id', async () => {
      expect(await directory.put(sampleStore('b'))).toBe(true);
      expect(await directory.put(sampleStore('a', { pickupPoint: 'the Customer Service Desk' }))).toBe(true);
      expect(await directory.get('a')).toEqual(sampleStore('a', { pickupPoint: 'the Customer Service Desk' }));
      expect((await directory.list()).map((store) => store.id)).toEqual(['a', 'b']);
      expect(await directory.get('missing')).toBeUndefined();
    });

    it('replaces a store that exists', async () => {
      await directory.put(sampleStore('a'));
      expect(await directory.put(sampleStore('a', { name: 'Renamed' }))).toBe(false);
      expect((await directory.get('a'))?.name).toBe('Renamed');
      expect(await directory.list()).toHaveLength(1);
    });

    it('deletes a store once', async () => {
      await directory.put(sampleStore('a'));
      expect(await directory.delete('a')).toBe(true);
      expect(await directory.delete('a')).toBe(false);
      expect(await directory.get('a')).toBeUndefined();
    });
  });
}
