import { describe, expect, it } from 'vitest';
import type { SessionState } from '../profiles/profile-state.js';
import { ruleBasedPurchaseProbability } from './rule-based-propensity.js';

function session(overrides: Partial<SessionState> = {}): SessionState {
  return {
    id: 's1', channel: 'web', startedAt: 0, lastEventAt: 0, events: 1, productViews: 1, products: ['p1'], categories: [],
    cartAdds: 0, cartValue: 0, searches: 0, purchases: 0, productDwellMs: 0, firstVisit: true, ...overrides,
  };
}

describe('ruleBasedPurchaseProbability', () => {
  it('is low for a first look, higher with dwell, a cart add, and a customer who bought before', () => {
    const firstLook = ruleBasedPurchaseProbability(session(), { orders: 0 });
    const dwelled = ruleBasedPurchaseProbability(session({ productDwellMs: 90_000 }), { orders: 0 });
    const returningBuyer = ruleBasedPurchaseProbability(session({ productDwellMs: 90_000, firstVisit: false }), { orders: 2 });
    const carted = ruleBasedPurchaseProbability(session({ productDwellMs: 90_000, firstVisit: false, cartAdds: 2 }), { orders: 2 });
    expect(firstLook).toBeLessThan(0.05);
    expect(firstLook).toBeLessThan(dwelled);
    expect(dwelled).toBeLessThan(returningBuyer);
    expect(returningBuyer).toBeLessThan(carted);
    expect(carted).toBeLessThan(1);
  });

  it('drops once the session has bought: the purchase it predicted has happened', () => {
    const carted = session({ cartAdds: 2, productViews: 5 });
    expect(ruleBasedPurchaseProbability({ ...carted, purchases: 1 }, { orders: 1 })).toBeLessThan(ruleBasedPurchaseProbability(carted, { orders: 0 }));
  });
});
