import { describe, expect, it } from 'vitest';
import { compileCondition, type ConditionContext } from './compile-condition.js';
import type { CountQuery } from './condition.js';
import { parseCondition } from './parse-condition.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const events = [
  { name: 'Product Viewed', at: NOW - 60_000, properties: { category: 'shoes' } },
  { name: 'Product Viewed', at: NOW - 30_000, properties: { category: 'bags' } },
  { name: 'Product Viewed', at: NOW - 10 * 86_400_000, properties: { category: 'shoes' } },
  { name: 'Order Completed', at: NOW - 40 * 86_400_000, properties: { total: 80 } },
];

function context(values: Record<string, unknown>): ConditionContext {
  return {
    now: NOW,
    values,
    countEvents: (query: CountQuery, matches) =>
      events.filter(
        (event) =>
          event.name === query.event &&
          (query.scope === 'history' || event.at > NOW - 30 * 60_000) &&
          (query.withinMs === undefined || NOW - event.at <= query.withinMs) &&
          matches(event),
      ).length,
  };
}

function holds(condition: unknown, values: Record<string, unknown>): boolean {
  return compileCondition(parseCondition(condition, 'audience'))(context(values));
}

const shopper = {
  profile: { traits: { firstName: 'Sarah', email: 'sarah@example.com', tier: 'gold' } },
  session: { productViews: 4, cartValue: 0, channel: 'web', categories: ['shoes', 'bags'], startedAt: new Date(NOW - 120_000).toISOString() },
  lifetime: { orders: 1, lastOrderAt: NOW - 40 * 86_400_000 },
  context: { page: { path: '/p/sku-1' } },
};

describe('compiled conditions', () => {
  it.each([
    [{ path: 'session.productViews', gte: 4 }, true],
    [{ path: 'session.productViews', gt: 4 }, false],
    [{ path: 'session.productViews', lt: '5' }, false], // a number is never compared with a string
    [{ path: 'profile.traits.tier', in: ['gold', 'platinum'] }, true],
    [{ path: 'session.categories', in: ['bags', 'belts'] }, true],
    [{ path: 'session.categories', contains: 'shoes' }, true],
    [{ path: 'context.page.path', contains: '/p/' }, true],
    [{ path: 'profile.traits.phone', exists: false }, true],
    [{ path: 'profile.traits.phone', eq: 'x' }, false],
    [{ path: 'profile.traits.phone', ne: 'x' }, true],
    [{ path: 'profile.traits.firstName', eq: 'sarah' }, false],
    [{ path: 'session.startedAt', withinLast: '5m' }, true],
    [{ path: 'session.startedAt', withinLast: '1m' }, false],
    [{ path: 'lifetime.lastOrderAt', withinLast: '30d' }, false],
    [{ path: 'lifetime.lastOrderAt', withinLast: '6w' }, true],
    [{ path: 'profile.traits.email.domain', exists: true }, false], // a path through a string is missing
    [{ all: [{ path: 'session.cartValue', eq: 0 }, { not: { path: 'lifetime.orders', eq: 0 } }] }, true],
    [{ any: [{ path: 'session.cartValue', gt: 0 }, { path: 'session.channel', eq: 'app' }] }, false],
    [{ count: { event: 'Product Viewed', in: 'session' }, eq: 2 }, true],
    [{ count: { event: 'Product Viewed', in: 'history' }, eq: 3 }, true],
    [{ count: { event: 'Product Viewed', in: 'history', withinLast: '7d' }, eq: 2 }, true],
    [{ count: { event: 'Product Viewed', in: 'history', where: { path: 'event.properties.category', eq: 'shoes' } }, eq: 2 }, true],
    [{ count: { event: 'Order Completed', in: 'history', withinLast: '30d' }, eq: 0 }, true],
  ])('%j is %s for the shopper', (condition, expected) => {
    expect(holds(condition, shopper)).toBe(expected);
  });
});
