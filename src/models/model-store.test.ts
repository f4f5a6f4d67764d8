import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import { InMemoryModelStore } from './in-memory-model-store.js';
import type { ModelStore, StoredModel } from './model-store.js';
import { SqliteModelStore } from './sqlite-model-store.js';

function model(id: string, createdAt: number, active: boolean, kind = 'epp'): StoredModel {
  return { version: { id, kind, createdAt, source: 'offline', metrics: { rocAuc: 0.7 }, active }, artifact: Buffer.from(`artifact of ${id}`) };
}

for (const [adapter, create] of [
  ['in-memory', () => new InMemoryModelStore()],
  ['sqlite', () => new SqliteModelStore(openDatabase({ path: ':memory:' }))],
] as const) {
  describe(`ModelStore contract: ${adapter}`, () => {
    let store: ModelStore;
    beforeEach(() => {
      store = create();
    });

    it('keeps one active version per kind: saving an active one retires the previous', async () => {
      await store.save(model('a', 1, true));
      await store.save(model('other', 1, true, 'other-kind'));
      await store.save(model('b', 2, true));
      expect((await store.active('epp'))?.version.id).toBe('b');
      expect((await store.active('other-kind'))?.version.id).toBe('other');
      expect((await store.list('epp')).map((version) => [version.id, version.active])).toEqual([['b', true], ['a', false]]);
    });

    it('returns artifacts and metrics as saved, and activates an older version (a rollback)', async () => {
      await store.save(model('a', 1, true));
      await store.save({ ...model('b', 2, false), version: { ...model('b', 2, false).version, source: 'online', parent: 'a' } });
      expect((await store.active('epp'))?.version.id).toBe('a');
      const b = await store.get('b');
      expect(b?.artifact.toString()).toBe('artifact of b');
      expect(b?.version).toMatchObject({ source: 'online', parent: 'a', metrics: { rocAuc: 0.7 }, active: false });
      expect(await store.activate('b')).toBe(true);
      expect((await store.active('epp'))?.version.id).toBe('b');
      expect(await store.activate('missing')).toBe(false);
      expect((await store.active('epp'))?.version.id).toBe('b');
    });

    it('refuses a second version with the same id and keeps the first', async () => {
      await store.save(model('a', 1, true));
      await expect(store.save(model('a', 2, false))).rejects.toThrow();
      expect((await store.get('a'))?.version.createdAt).toBe(1);
    });
  });
}
