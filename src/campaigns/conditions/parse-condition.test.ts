import { describe, expect, it } from 'vitest';
import { KairosError } from '../../shared/errors.js';
import { parseCondition } from './parse-condition.js';

function faultOf(input: unknown): { field?: string; problem: string } {
  try {
    parseCondition(input, 'audience');
  } catch (error) {
    expect(error).toBeInstanceOf(KairosError);
    expect((error as KairosError).statusCode).toBe(400);
    return (error as KairosError).details[0]!;
  }
  throw new Error('expected the condition to be refused');
}

describe('parseCondition', () => {
  it('accepts every form of the language and returns its typed shape', () => {
    const parsed = parseCondition(
      {
        all: [
          { path: 'session.productViews', gte: 3 },
          { any: [{ path: 'context.channel', in: ['web', 'app'] }, { not: { path: 'profile.traits.email', exists: false } }] },
          { path: 'lifetime.lastOrderAt', withinLast: '30d' },
          { count: { event: 'Product Viewed', in: 'session', where: { path: 'event.properties.category', eq: 'shoes' } }, gte: 2 },
          { count: { event: 'Order Completed', in: 'history', withinLast: '90d' }, eq: 0 },
        ],
      },
      'audience',
    );
    expect(parsed).toEqual({
      kind: 'all',
      of: [
        { kind: 'compare', path: 'session.productViews', op: 'gte', value: 3 },
        {
          kind: 'any',
          of: [
            { kind: 'compare', path: 'context.channel', op: 'in', value: ['web', 'app'] },
            { kind: 'not', of: { kind: 'compare', path: 'profile.traits.email', op: 'exists', value: false } },
          ],
        },
        { kind: 'compare', path: 'lifetime.lastOrderAt', op: 'withinLast', value: 30 * 86_400_000 },
        {
          kind: 'count',
          query: { event: 'Product Viewed', scope: 'session', where: { kind: 'compare', path: 'event.properties.category', op: 'eq', value: 'shoes' } },
          op: 'gte',
          value: 2,
        },
        { kind: 'count', query: { event: 'Order Completed', scope: 'history', withinMs: 90 * 86_400_000 }, op: 'eq', value: 0 },
      ],
    });
  });

  it.each([
    [{ all: [{ path: 'session.events', gte: 1 }, { path: 'session.events', gte: [1] }] }, 'audience.all.1.gte', /number/],
    [{ all: [] }, 'audience.all', /non-empty/],
    [{ any: [{ path: 'basket.value', gt: 1 }] }, 'audience.any.0.path', /must start with one of profile, session/],
    [{ path: 'session.events', between: [1, 2] }, 'audience.between', /unknown operator/],
    [{ path: 'session.events', gt: 1, lt: 5 }, 'audience', /exactly one operator/],
    [{ path: 'lifetime.lastOrderAt', withinLast: '30 days' }, 'audience.withinLast', /duration/],
    [{ path: 'context.channel', in: [] }, 'audience.in', /non-empty list/],
    [{ path: 'context.channel', in: ['web', { a: 1 }] }, 'audience.in.1', /string, a finite number or a boolean/],
    [{ path: 'profile.traits.vip', exists: 'yes' }, 'audience.exists', /true or false/],
    [{ path: 'session..events', eq: 1 }, 'audience.path', /dotted path/],
    [{ not: { path: 'session.events', eq: 1 }, extra: true }, 'audience.extra', /not allowed/],
    [{ count: { event: 'Product Viewed', in: 'week' }, gte: 1 }, 'audience.count.in', /"session" or "history"/],
    [{ count: { event: '', in: 'session' }, gte: 1 }, 'audience.count.event', /name of an event/],
    [{ count: { event: 'Product Viewed', in: 'session' }, gte: 1.5 }, 'audience.gte', /whole number/],
    [{ count: { event: 'Product Viewed', in: 'session' }, in: [1] }, 'audience.in', /compared with one of/],
    [{ count: { event: 'Product Viewed', in: 'session', where: { path: 'session.events', gt: 1 } }, gte: 1 }, 'audience.count.where.path', /must start with one of event/],
    [{ size: 3 }, 'audience', /unknown condition with keys "size"/],
    ['session.events > 3', 'audience', /must be a condition object/],
    [{ path: 'session.cartValue', gt: Number.NaN }, 'audience.gt', /number/],
  ])('refuses %j at %s', (input, field, problem) => {
    const fault = faultOf(input);
    expect(fault.field).toBe(field);
    expect(fault.problem).toMatch(problem);
  });

  it('refuses conditions nested too deeply or too large, so a saved campaign stays cheap to evaluate', () => {
    let deep: unknown = { path: 'session.events', gte: 1 };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    expect(faultOf(deep).problem).toMatch(/nested at most 16/);
    const wide = { any: Array.from({ length: 600 }, () => ({ path: 'session.events', gte: 1 })) };
    expect(faultOf(wide).problem).toMatch(/at most 500 parts/);
  });
});
