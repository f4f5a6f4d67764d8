import { describe, expect, it } from 'vitest';
import type { Interaction } from '../interaction.js';
import { holdoutSplit } from './holdout-split.js';
import { timeSplit } from './time-split.js';

const DAY = 24 * 60 * 60 * 1000;
const at = (sessionId: string, itemId: string, day: number, kind: Interaction['kind'] = 'view', profileId = sessionId): Interaction => ({ sessionId, profileId, itemId, kind, at: day * DAY });

describe('timeSplit', () => {
  const interactions = [
    at('s1', 'A', 0),
    at('s1', 'B', 0.1),
    at('s2', 'B', 3),
    at('s2', 'C', 3.1),
    // Starts before the cut: trained on whole, although its last click is after it.
    at('s3', 'D', 5.5),
    at('s3', 'A', 6.5),
    at('s4', 'A', 6.2),
    at('s4', 'NEW', 6.3),
    at('s4', 'C', 6.4),
    at('s4', 'X', 6.45, 'purchase'),
    at('s5', 'B', 6.6),
  ];

  it('tests the sessions starting in the last days, on items seen in training, every prefix', () => {
    const split = timeSplit('demo', interactions, 1);
    expect(split.training.map((interaction) => interaction.sessionId)).toEqual(['s1', 's1', 's2', 's2', 's3', 's3']);
    // s4 loses NEW (unseen) and the purchase, leaving A → C; s5 has one click and gives nothing.
    expect(split.queries.map((query) => [query.context.sessionItems, query.target])).toEqual([[['A'], 'C']]);
  });

  it('takes the last seventh of the time range by default, and refuses a split with no test', () => {
    expect(timeSplit('demo', interactions).queries).toHaveLength(1);
    expect(() => timeSplit('demo', interactions, 0.01)).toThrow('no test session');
  });

  it('does not let a stray early row stretch the default range', () => {
    const many = Array.from({ length: 2000 }, (_, i) => interactions.map((one) => ({ ...one, sessionId: `${one.sessionId}-${i}` }))).flat();
    const split = timeSplit('demo', [at('stray', 'A', -300), ...many]);
    // The range is days 0 to 6.6, so the cut falls at 6.6 − 6.6/7 ≈ day 5.66, as without the stray row.
    expect(split.split).toContain(new Date(6.6 * DAY - (6.6 * DAY) / 7).toISOString());
  });
});

describe('holdoutSplit', () => {
  it('holds out each shopper\'s last carted or purchased item and asks with what came before', () => {
    const interactions = [
      at('a1', 'A', 0, 'view', 'u1'),
      at('a2', 'B', 1, 'view', 'u1'),
      at('a2', 'C', 1.1, 'cart_add', 'u1'),
      at('a2', 'D', 1.2, 'purchase', 'u1'),
      at('a2', 'E', 1.3, 'view', 'u1'),
      at('b1', 'D', 2, 'view', 'u2'),
      at('b1', 'D', 2.1, 'cart_add', 'u2'),
      // u3 carts first: nothing before it, no query.
      at('c1', 'A', 3, 'cart_add', 'u3'),
    ];
    const split = holdoutSplit('demo', interactions);
    expect(split.training.map((interaction) => interaction.itemId)).toEqual(['A', 'B', 'C', 'D']);
    // u1's D is known from u2's view of it; u2 viewed D before carting it, a query too.
    expect(split.queries).toEqual([
      { context: { now: 1.2 * DAY, products: ['A', 'B', 'C'], cart: ['C'], sessionItems: ['B', 'C'] }, target: 'D' },
      { context: { now: 2.1 * DAY, products: ['D'], cart: [], sessionItems: ['D'] }, target: 'D' },
    ]);
  });
});
