import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignInput } from '../campaigns/campaign.js';
import { createTempKairos, type TempKairos } from '../test-support/temp-kairos.js';

const HOUR = 3_600_000;

function placementCampaign(name: string, overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name,
    status: 'active',
    priority: 5,
    goal: { event: 'Order Completed', within: '24h' },
    trigger: { type: 'placement', placements: ['home'] },
    variants: [{ id: 'v', kind: 'custom', channel: 'web', content: { body: name } }],
    ...overrides,
  };
}

describe('CampaignMeasurement', () => {
  let kairos: TempKairos;
  let messages = 0;
  beforeEach(() => {
    kairos = createTempKairos();
  });
  afterEach(async () => {
    await kairos.dispose();
  });

  const order = (userId: string, total: number) =>
    kairos.ingestion.ingest([{ type: 'track', event: 'Order Completed', userId, messageId: `o${++messages}`, timestamp: new Date(kairos.clock.now()).toISOString(), properties: { order_id: `o${messages}`, total } }]);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await kairos.decisions.idle();
      await kairos.measurement.idle();
    }
  };

  it('attributes goal events to the latest exposure of either arm, once per exposure, within the window', async () => {
    const { id } = await kairos.campaigns.create(placementCampaign('Welcome', { holdoutPercent: 50 }));
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const heldOut = new Set<string>();
    for (const userId of users) {
      const decision = await kairos.decisions.decide({ userId, placement: 'home' });
      if (decision.heldOut.length > 0) heldOut.add(userId);
    }
    expect(heldOut.size).toBeGreaterThan(5);
    expect(heldOut.size).toBeLessThan(35);
    await settle();
    const treated = users.filter((userId) => !heldOut.has(userId));
    await order(treated[0]!, 100);
    await order(treated[0]!, 50); // the same exposure converts once
    await order(treated[1]!, 30);
    await order([...heldOut][0]!, 70);
    kairos.clock.advance(25 * HOUR);
    await order(treated[2]!, 999); // outside the window
    await settle();

    const results = await kairos.measurement.results(id);
    expect(results.treatment).toMatchObject({ exposures: treated.length, conversions: 2, value: 130 });
    expect(results.holdout).toMatchObject({ exposures: heldOut.size, conversions: 1, value: 70 });
    expect(results.lift).not.toBeNull();
    const history = await kairos.profiles.getProfile(treated[0]!);
    expect(history.latestEvents.filter((event) => event.name === 'Intervention Converted')).toHaveLength(1);
  });

  it('breaks a tie of priority by measured expected value, and says so in why', async () => {
    const first = await kairos.campaigns.create(placementCampaign('A'));
    const second = await kairos.campaigns.create(placementCampaign('B'));
    // Without results the tie goes to the lower id.
    const before = await kairos.decisions.decide({ userId: 'probe-0', placement: 'home', preview: true });
    expect(before.interventions[0]!.campaignId).toBe([first.id, second.id].sort()[0]);
    const winner = before.interventions[0]!.campaignId === first.id ? second : first;
    for (let i = 0; i < 10; i++) {
      const userId = `buyer-${i}`;
      await kairos.decisions.decide({ userId, placement: 'home', limit: 2 });
      await settle();
      await order(userId, 80);
    }
    await settle();
    // Both were shown to every buyer and both converted alike; now only the leader is shown to
    // shoppers who do not buy, so its conversion rate falls below the other's and the other leads.
    await kairos.measurement.load(); // arbitration reads results at most a second old; the test's clock stands still
    for (let i = 0; i < 5; i++) await kairos.decisions.decide({ userId: `looker-${i}`, placement: 'home', limit: 1 });
    await settle();
    await kairos.measurement.load();
    const after = await kairos.decisions.decide({ userId: 'probe-1', placement: 'home', preview: true, explain: true });
    expect(after.interventions[0]!.campaignId).toBe(winner.id);
    expect(after.why!.find((considered) => considered.outcome === 'chosen')!.expectedValue).toBeGreaterThan(0);
  });
});
