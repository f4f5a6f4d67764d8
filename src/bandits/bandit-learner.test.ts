import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKairos } from '../app/create-kairos.js';
import type { CampaignInput } from '../campaigns/campaign.js';
import { loadConfig } from '../config/load-config.js';
import { holdoutShare } from '../decisions/delivery-rules.js';
import { ManualClock } from '../shared/clock.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';
import { seededRandom } from '../shared/seeded-random.js';

const MINUTE = 60_000;

function optimizedCampaign(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Nudge the undecided',
    status: 'active',
    goal: { event: 'Order Completed', within: '1h' },
    trigger: { type: 'placement', placements: ['cart'] },
    variants: [
      { id: 'coupon', kind: 'price', channel: 'web', content: { body: '10% off today' } },
      { id: 'social', kind: 'custom', channel: 'web', content: { body: 'Popular with shoppers like you' } },
    ],
    holdoutPercent: 30,
    optimization: { policy: 'thompson_sampling', band: { min: 0, max: 1 }, explorationFloor: 0.2 },
    ...overrides,
  };
}

describe('the bandit in decisions, and its learner', () => {
  let kairos: TempKairos;
  /** Set by a test that closed the store itself. */
  let closed = false;
  let messages = 0;
  beforeEach(() => {
    kairos = createTempKairos({}, Date.parse('2026-11-23T10:00:00.000Z'), { random: seededRandom(4) });
    closed = false;
  });
  afterEach(async () => {
    if (closed) rmSync(kairos.dataDir, { recursive: true, force: true });
    else await kairos.dispose();
  });

  const track = (userId: string, event: string, properties: Record<string, unknown> = {}) =>
    kairos.ingestion.ingest([{ type: 'track', event, userId, messageId: `m${++messages}`, timestamp: new Date(kairos.clock.now()).toISOString(), properties }]);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await kairos.decisions.idle();
      await kairos.measurement.idle();
      await kairos.banditLearner.idle();
    }
  };
  const deliveryOf = async (userId: string) =>
    (await kairos.profiles.getProfile(userId)).latestEvents.find((event) => event.name === 'Intervention Delivered')?.properties;

  it('chooses in the band, draws by weight outside it, leaves the holdout as it was, and logs propensity and context', async () => {
    const { id } = await kairos.campaigns.create(optimizedCampaign());
    const shoppers = Array.from({ length: 40 }, (_, i) => `shopper-${i}`);
    for (const userId of shoppers.slice(0, 20)) await track(userId, 'Product Viewed', { product_id: 'p1' });
    await settle();
    for (const userId of shoppers) {
      const decision = await kairos.decisions.decide({ userId, placement: 'cart', explain: true });
      // The holdout is the stable hash share, bandit or not.
      expect(decision.heldOut.length === 1).toBe(holdoutShare(userId, id) < 30);
      const chosen = decision.why!.find((considered) => considered.outcome === 'chosen');
      if (decision.heldOut.length === 1) expect(chosen).toBeUndefined();
      else if (shoppers.indexOf(userId) < 20) {
        expect(chosen!.detail).toMatch(/chosen by the bandit from 2/);
        expect(chosen!.variantScores!.map((score) => score.variantId)).toEqual(['coupon', 'social']);
      } else {
        expect(chosen!.detail).toMatch(/drawn from 2/);
        expect(chosen!.variantScores).toBeUndefined();
      }
    }
    await settle();
    const inBand = shoppers.slice(0, 20).find((userId) => holdoutShare(userId, id) >= 30)!;
    const outside = shoppers.slice(20).find((userId) => holdoutShare(userId, id) >= 30)!;
    const banditDelivery = await deliveryOf(inBand);
    expect(banditDelivery).toMatchObject({ policy: 'bandit', candidates: ['coupon', 'social'], context: { channel: 'web', firstVisit: true, purchaseProbability: expect.any(Number) } });
    // No data yet: both variants sit at the prior, so each is equally likely.
    expect(banditDelivery!.propensity).toBeCloseTo(0.5, 3);
    expect(await deliveryOf(outside)).toMatchObject({ policy: 'weighted', propensity: 0.5, context: { channel: 'web' } });
  });

  it('rewards a conversion at once and a closed window with 0, and its posteriors survive a restart', async () => {
    const { id } = await kairos.campaigns.create(optimizedCampaign({ holdoutPercent: 0 }));
    const shoppers = Array.from({ length: 12 }, (_, i) => `buyer-${i}`);
    for (const userId of shoppers) await track(userId, 'Product Viewed', { product_id: 'p1' });
    await settle();
    const chosen = new Map<string, string>();
    for (const userId of shoppers) chosen.set(userId, (await kairos.decisions.decide({ userId, placement: 'cart' })).interventions[0]!.variantId);
    await settle();
    const buyer = shoppers[0]!;
    await track(buyer, 'Order Completed', { order_id: 'o1', total: 40 });
    await settle();
    const learnedFrom = (variantId: string) => kairos.bandits.posterior(id, variantId)?.updates ?? 0;
    expect(learnedFrom(chosen.get(buyer)!)).toBe(1);
    expect(learnedFrom('coupon') + learnedFrom('social')).toBe(1);

    // The window is an hour; the rest are settled as not converted once it (and the grace) has passed.
    kairos.clock.advance(59 * MINUTE);
    await kairos.banditLearner.settleDue();
    expect(learnedFrom('coupon') + learnedFrom('social')).toBe(1);
    kairos.clock.advance(12 * MINUTE);
    await kairos.banditLearner.settleDue();
    expect(learnedFrom('coupon') + learnedFrom('social')).toBe(12);
    const evaluation = await kairos.policyEvaluation.evaluate(id, { policies: [{ type: 'uniform' }] });
    expect(evaluation.decisions).toBe(12);
    expect(evaluation.logged!.value).toBeCloseTo(1 / 12, 6);

    const before = kairos.bandits.posterior(id, chosen.get(buyer)!);
    await kairos.close();
    closed = true;
    const reopened = createKairos(loadConfig({ dataDir: kairos.dataDir }, { KAIROS_LOG_LEVEL: 'silent' }), { clock: new ManualClock(kairos.clock.now()) });
    try {
      await reopened.bandits.load();
      expect(reopened.bandits.posterior(id, chosen.get(buyer)!)).toEqual(before);
    } finally {
      await reopened.close();
    }
  });
});
