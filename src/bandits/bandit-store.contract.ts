import { beforeEach, describe, expect, it } from 'vitest';
import type { BanditStore, LoggedDecision } from './bandit-store.js';

function logged(decisionId: string, overrides: Partial<LoggedDecision> = {}): LoggedDecision {
  return {
    campaignId: 'c1',
    decisionId,
    variantId: 'a',
    policy: 'bandit',
    propensity: 0.4,
    candidates: ['a', 'b'],
    context: { purchaseProbability: 0.3, firstVisit: true },
    deliveredAt: 1000,
    dueAt: 2000,
    reward: null,
    ...overrides,
  };
}

/** The behaviour every BanditStore adapter must have; each adapter's test calls it with a factory. */
export function describeBanditStoreContract(adapter: string, createStore: () => BanditStore): void {
  describe(`BanditStore contract: ${adapter}`, () => {
    let store: BanditStore;
    beforeEach(() => {
      store = createStore();
    });

    it('keeps posteriors by campaign and variant, replacing them on write', async () => {
      await store.write({ logged: [], rewards: [], posteriors: [{ campaignId: 'c1', variantId: 'a', posterior: { bias: { mean: -1, variance: 0.5 } }, updates: 1 }] });
      await store.write({
        logged: [],
        rewards: [],
        posteriors: [
          { campaignId: 'c1', variantId: 'a', posterior: { bias: { mean: -0.9, variance: 0.4 } }, updates: 2 },
          { campaignId: 'c1', variantId: 'b', posterior: {}, updates: 0 },
        ],
      });
      const posteriors = (await store.posteriors()).sort((x, y) => x.variantId.localeCompare(y.variantId));
      expect(posteriors).toEqual([
        { campaignId: 'c1', variantId: 'a', posterior: { bias: { mean: -0.9, variance: 0.4 } }, updates: 2 },
        { campaignId: 'c1', variantId: 'b', posterior: {}, updates: 0 },
      ]);
    });

    it('returns a logged decision awaiting its reward until it is settled, and keeps the first log of a key', async () => {
      await store.write({ logged: [logged('d1'), logged('d2')], rewards: [], posteriors: [] });
      await store.write({ logged: [logged('d1', { variantId: 'b' })], rewards: [], posteriors: [] });
      expect(await store.awaiting([{ campaignId: 'c1', decisionId: 'd1' }, { campaignId: 'c2', decisionId: 'd1' }])).toEqual([logged('d1')]);
      await store.write({ logged: [], rewards: [{ campaignId: 'c1', decisionId: 'd1', reward: 1 }], posteriors: [] });
      expect(await store.awaiting([{ campaignId: 'c1', decisionId: 'd1' }])).toEqual([]);
    });

    it('lists the unsettled decisions whose window closed, oldest first, up to a limit', async () => {
      await store.write({ logged: [logged('late', { dueAt: 3000 }), logged('early', { dueAt: 1500 }), logged('mid', { dueAt: 2000 }), logged('done', { dueAt: 1000 })], rewards: [], posteriors: [] });
      await store.write({ logged: [], rewards: [{ campaignId: 'c1', decisionId: 'done', reward: 0 }], posteriors: [] });
      expect((await store.dueBefore(2500, 10)).map((decision) => decision.decisionId)).toEqual(['early', 'mid']);
      expect((await store.dueBefore(2500, 1)).map((decision) => decision.decisionId)).toEqual(['early']);
    });

    it('gives a campaign’s closed decisions, the newest within the limit, in time order', async () => {
      await store.write({
        logged: [
          logged('d1', { deliveredAt: 100, dueAt: 200, reward: null }),
          logged('d2', { deliveredAt: 300, dueAt: 400 }),
          logged('d3', { deliveredAt: 500, dueAt: 600 }),
          logged('open', { deliveredAt: 700, dueAt: 5000 }),
          logged('other', { campaignId: 'c2', deliveredAt: 500, dueAt: 600 }),
        ],
        rewards: [],
        posteriors: [],
      });
      await store.write({ logged: [], rewards: [{ campaignId: 'c1', decisionId: 'd3', reward: 1 }], posteriors: [] });
      const closed = await store.closedDecisions('c1', { from: 0, closedBy: 1000, limit: 2 });
      expect(closed.map((decision) => [decision.decisionId, decision.reward])).toEqual([
        ['d2', null],
        ['d3', 1],
      ]);
      expect(closed[1]).toMatchObject({ candidates: ['a', 'b'], context: { purchaseProbability: 0.3, firstVisit: true }, propensity: 0.4, policy: 'bandit' });
      expect((await store.closedDecisions('c1', { from: 200, closedBy: 1000, limit: 10 })).map((decision) => decision.decisionId)).toEqual(['d2', 'd3']);
    });
  });
}
