import { describe, expect, it } from 'vitest';
import type { BanditContext } from './bandit-context.js';
import { BanditService } from './bandit-service.js';
import { InMemoryBanditStore } from './in-memory-bandit-store.js';
import { seededRandom } from '../shared/seeded-random.js';

const VARIANTS = ['coupon', 'social', 'urgency'];
/** A synthetic world: the coupon converts returning visitors, social proof first visits, urgency neither. */
function conversionRate(variantId: string, context: BanditContext): number {
  if (variantId === 'coupon') return context.firstVisit ? 0.08 : 0.3;
  if (variantId === 'social') return context.firstVisit ? 0.28 : 0.1;
  return 0.12;
}

const OPTIMIZATION = { policy: 'thompson_sampling' as const, band: { min: 0.1, max: 0.6 }, explorationFloor: 0.1 };

describe('BanditService', () => {
  it('converges to the best variant of each context on a synthetic stream', () => {
    const bandits = new BanditService({ store: new InMemoryBanditStore() });
    const random = seededRandom(11);
    const late = { best: 0, all: 0 };
    for (let step = 0; step < 4000; step++) {
      const context: BanditContext = { purchaseProbability: 0.2 + 0.3 * random(), firstVisit: random() < 0.5 };
      const choice = bandits.choose('c1', OPTIMIZATION, VARIANTS, context, random)!;
      const converted = random() < conversionRate(choice.variantId, context);
      bandits.learn([{ campaignId: 'c1', variantId: choice.variantId, context, reward: converted ? 1 : 0 }]);
      if (step >= 3000) {
        late.all++;
        if (choice.variantId === (context.firstVisit ? 'social' : 'coupon')) late.best++;
      }
    }
    // The floor alone explores 10% of decisions (2/3 of them away from the best): at least ~93% is reachable.
    expect(late.best / late.all).toBeGreaterThan(0.8);
    expect(bandits.greedy('c1', VARIANTS, { purchaseProbability: 0.3, firstVisit: true })).toBe('social');
    expect(bandits.greedy('c1', VARIANTS, { purchaseProbability: 0.3, firstVisit: false })).toBe('coupon');
    const scores = bandits.choose('c1', OPTIMIZATION, VARIANTS, { purchaseProbability: 0.3, firstVisit: false }, random)!.scores;
    expect(scores.find((score) => score.variantId === 'coupon')!.mean).toBeGreaterThan(0.2);
    expect(scores.find((score) => score.variantId === 'coupon')!.mean).toBeLessThan(0.4);
  });

  it('chooses only in the band, where the purchase probability is known', () => {
    const bandits = new BanditService({ store: new InMemoryBanditStore() });
    const random = seededRandom(3);
    expect(bandits.choose('c1', OPTIMIZATION, VARIANTS, { purchaseProbability: 0.05 }, random)).toBeUndefined();
    expect(bandits.choose('c1', OPTIMIZATION, VARIANTS, { purchaseProbability: 0.61 }, random)).toBeUndefined();
    expect(bandits.choose('c1', OPTIMIZATION, VARIANTS, {}, random)).toBeUndefined();
    const inside = bandits.choose('c1', OPTIMIZATION, VARIANTS, { purchaseProbability: 0.1 }, random)!;
    expect(inside.scores.map((score) => score.variantId)).toEqual(VARIANTS);
    expect(inside.scores.reduce((sum, score) => sum + score.propensity, 0)).toBeCloseTo(1, 3);
    expect(inside.propensity).toBeCloseTo(inside.scores.find((score) => score.variantId === inside.variantId)!.propensity, 3);
  });

  it('loads stored posteriors once, so what it learns next builds on them', async () => {
    const store = new InMemoryBanditStore();
    const first = new BanditService({ store });
    const learned = first.learn([{ campaignId: 'c1', variantId: 'coupon', context: { firstVisit: true }, reward: 1 }]);
    await store.write({ logged: [], rewards: [], posteriors: learned });
    const second = new BanditService({ store });
    await second.load();
    expect(second.posterior('c1', 'coupon')).toEqual(first.posterior('c1', 'coupon'));
    second.learn([{ campaignId: 'c1', variantId: 'coupon', context: { firstVisit: true }, reward: 0 }]);
    await second.load();
    expect(second.posterior('c1', 'coupon')!.updates).toBe(2);
  });
});
