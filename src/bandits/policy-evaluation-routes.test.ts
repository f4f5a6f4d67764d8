import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('the bandit over HTTP: decide, delivery log, conversion, policy evaluation', () => {
  let server: TestServer;
  let campaignId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.request('POST', '/v1/campaigns', {
      auth: 'admin',
      body: {
        name: 'Undecided shoppers at the cart',
        status: 'active',
        // A window of two seconds, so the test can see decisions whose window has closed.
        goal: { event: 'Order Completed', within: '2s' },
        trigger: { type: 'placement', placements: ['cart'] },
        variants: [
          { id: 'coupon', kind: 'price', channel: 'web', content: { body: '10% off today' } },
          { id: 'social', kind: 'custom', channel: 'web', content: { body: 'Popular with shoppers like you' } },
        ],
        optimization: { policy: 'thompson_sampling', band: { min: 0, max: 1 } },
      },
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
  });
  afterAll(async () => {
    await server.dispose();
  });

  const track = (userId: string, event: string, properties: Record<string, unknown>) =>
    server.request('POST', '/v1/track', { body: { type: 'track', userId, event, properties } });

  it('shows the bandit’s scores in why, logs the propensity on the delivery, learns from the conversion and evaluates policies', async () => {
    const shoppers = Array.from({ length: 10 }, (_, i) => `http-shopper-${i}`);
    for (const userId of shoppers) expect((await track(userId, 'Product Viewed', { product_id: 'p1' })).status).toBe(200);
    const chosen = new Map<string, string>();
    for (const userId of shoppers) {
      const decision = await server.request('POST', '/v1/decide', { body: { userId, placement: 'cart', explain: true } });
      expect(decision.status).toBe(200);
      const why = decision.body.why.find((considered: { outcome: string }) => considered.outcome === 'chosen');
      expect(why.detail).toMatch(/chosen by the bandit/);
      expect(why.variantScores).toHaveLength(2);
      const total = why.variantScores.reduce((sum: number, score: { propensity: number }) => sum + score.propensity, 0);
      expect(total).toBeCloseTo(1, 3);
      for (const score of why.variantScores) {
        expect(score.propensity).toBeGreaterThanOrEqual(0.05); // the default floor 0.1 over two variants
        expect(score.sampled).toBeGreaterThanOrEqual(0); // a draw far in the tail rounds to 0
        expect(score.sampled).toBeLessThanOrEqual(1);
        expect(score.mean).toBeGreaterThan(0);
      }
      chosen.set(userId, decision.body.interventions[0].variantId);
    }
    const buyer = shoppers[0]!;
    const delivered = await eventually(async () => {
      const profile = await server.request('GET', `/v1/profiles/${buyer}`, { auth: 'admin' });
      const event = profile.body.latestEvents.find((candidate: { name: string }) => candidate.name === 'Intervention Delivered');
      expect(event).toBeDefined();
      return event.properties;
    });
    expect(delivered).toMatchObject({ campaignId, policy: 'bandit', candidates: ['coupon', 'social'], variantId: chosen.get(buyer), context: { firstVisit: true } });
    expect(delivered.propensity).toBeGreaterThan(0);

    expect((await track(buyer, 'Order Completed', { order_id: 'o-1', total: 30 })).status).toBe(200);
    await eventually(async () => {
      const profile = await server.request('GET', `/v1/profiles/${buyer}`, { auth: 'admin' });
      expect(profile.body.latestEvents.map((event: { name: string }) => event.name)).toContain('Intervention Converted');
    });

    // Once the two-second windows have closed: ten decisions, one converted.
    const evaluation = await eventually(async () => {
      const response = await server.request('POST', `/v1/campaigns/${campaignId}/policy-evaluation`, {
        auth: 'admin',
        body: { policies: [{ type: 'always', variantId: chosen.get(buyer) }, { type: 'uniform' }, { type: 'bandit_greedy' }] },
      });
      expect(response.status).toBe(200);
      expect(response.body.decisions).toBe(10);
      expect(response.body.logged.value).toBeCloseTo(0.1, 6);
      return response.body;
    }, 15_000);
    const [always, uniform, greedy] = evaluation.policies;
    expect(always.policy).toEqual({ type: 'always', variantId: chosen.get(buyer) });
    // Only the buyer's variant has a conversion, so always choosing it is worth more than choosing uniformly.
    expect(always.estimates.ips.value).toBeGreaterThan(uniform.estimates.ips.value);
    expect(always.estimates.ips.ci95[0]).toBeLessThan(always.estimates.ips.value);
    expect(uniform.estimates.doublyRobust.value).toBeGreaterThan(0);
    // The learner saw the conversion: the greedy choice is the variant that converted.
    expect(greedy.estimates.ips.value).toBeCloseTo(always.estimates.ips.value, 6);
  });

  it('answers 400 naming the field for bad input, and 404 for an unknown campaign', async () => {
    const evaluate = (id: string, body: unknown) => server.request('POST', `/v1/campaigns/${id}/policy-evaluation`, { auth: 'admin', body });
    const cases: Array<[unknown, string, RegExp]> = [
      [{ policies: [{ type: 'always', variantId: 'nope' }] }, 'policies.0.variantId', /not a variant of campaign/],
      [{ policies: [{ type: 'softmax' }] }, 'policies.0.type', /must be one of always, uniform, weighted, bandit, bandit_greedy/],
      [{ policies: [{ type: 'always' }] }, 'policies.0.variantId', /is required/],
      [{ policies: [] }, 'policies', /1/],
      [{ since: 'yesterday' }, 'since', /ISO-8601/],
      [{ limit: 0 }, 'limit', /1/],
      [{ polices: [] }, 'polices', /not a policy-evaluation field/],
    ];
    for (const [body, field, problem] of cases) {
      const response = await evaluate(campaignId, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details[0].field).toBe(field);
      expect(response.body.error.details[0].problem).toMatch(problem);
    }
    expect((await evaluate('cmp_unknown', {})).status).toBe(404);
    const spec = (await server.request('GET', '/openapi.json', { auth: 'none' })).body;
    expect(spec.paths['/v1/campaigns/{id}/policy-evaluation'].post.security).toEqual([{ adminKey: [] }]);
    expect((await server.request('POST', `/v1/campaigns/${campaignId}/policy-evaluation`, { auth: 'write', body: {} })).status).toBe(403);
  });
});
