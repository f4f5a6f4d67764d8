import { describe, expect, it } from 'vitest';
import type { Interaction } from '../interaction.js';
import { SequentialRulesModel } from './sequential-rules-model.js';
import { SessionNextStrategy } from './session-next-strategy.js';

const click = (sessionId: string, itemId: string, kind: Interaction['kind'] = 'view'): Interaction => ({ sessionId, profileId: 'p', itemId, kind, at: 1 });

describe('SessionNextStrategy', () => {
  const strategy = new SessionNextStrategy(new SequentialRulesModel());
  ['A', 'B'].forEach((item) => strategy.observe(click('s1', item)));
  ['A', 'C'].forEach((item) => strategy.observe(click('s2', item, 'cart_add')));
  strategy.observe(click('s2', 'D', 'purchase'));
  const context = { now: 2, products: [], cart: [], sessionItems: ['A'] };

  it('answers from the session\'s clicks with the evidence and a reason, learning views and cart adds but not purchases', () => {
    const result = strategy.recommend(context, 10);
    expect(result.items.map((item) => item.itemId).sort()).toEqual(['B', 'C']);
    expect(result.evidence).toBe(2);
    expect(result.items[0]!.reason).toBe('clicked next in 2 sessions after the last item');
    expect(strategy.recommend({ ...context, sessionItems: ['C'] }, 10).items).toEqual([]);
  });

  it('leaves out what is in the cart and still fills the limit', () => {
    const result = strategy.recommend({ ...context, cart: ['B'] }, 1);
    expect(result.items.map((item) => item.itemId)).toEqual(['C']);
  });

  it('falls back to the context products when the session has no clicks, and has no evidence for nothing', () => {
    expect(strategy.recommend({ ...context, sessionItems: [], products: ['A'] }, 10).items).toHaveLength(2);
    expect(strategy.recommend({ ...context, sessionItems: [] }, 10)).toEqual({ items: [], evidence: 0 });
  });
});
