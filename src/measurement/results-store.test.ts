import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/open-database.js';
import type { ResultsStore } from './campaign-results.js';
import { InMemoryResultsStore } from './in-memory-results-store.js';
import { SqliteResultsStore } from './sqlite-results-store.js';

for (const [adapter, create] of [
  ['in-memory', () => new InMemoryResultsStore()],
  ['sqlite', () => new SqliteResultsStore(openDatabase({ path: ':memory:' }))],
] as const) {
  describe(`ResultsStore contract: ${adapter}`, () => {
    let store: ResultsStore;
    beforeEach(() => {
      store = create();
    });

    it('adds deltas per campaign, arm and variant', async () => {
      await store.add([
        { campaignId: 'c1', arm: 'treatment', variantId: 'a', exposures: 2, conversions: 0, value: 0 },
        { campaignId: 'c1', arm: 'holdout', variantId: '', exposures: 1, conversions: 0, value: 0 },
        { campaignId: 'c2', arm: 'treatment', variantId: 'a', exposures: 1, conversions: 0, value: 0 },
      ]);
      await store.add([{ campaignId: 'c1', arm: 'treatment', variantId: 'a', exposures: 0, conversions: 1, value: 89.5 }]);
      expect(await store.ofCampaign('c1')).toEqual([
        { campaignId: 'c1', arm: 'holdout', variantId: '', exposures: 1, conversions: 0, value: 0 },
        { campaignId: 'c1', arm: 'treatment', variantId: 'a', exposures: 2, conversions: 1, value: 89.5 },
      ]);
      expect(await store.all()).toHaveLength(3);
    });
  });
}
