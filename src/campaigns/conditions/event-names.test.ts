import { describe, expect, it } from 'vitest';
import { eventNamesOf } from './condition.js';
import { parseCondition } from './parse-condition.js';

const namesOf = (input: unknown) => {
  const names = eventNamesOf(parseCondition(input, 'when'));
  return names === undefined ? undefined : [...names].sort();
};

describe('eventNamesOf', () => {
  it('finds the names a condition pins with eq or in, at the top or inside all', () => {
    expect(namesOf({ path: 'event.name', eq: 'Order Completed' })).toEqual(['Order Completed']);
    expect(namesOf({ all: [{ path: 'event.properties.total', gte: 100 }, { path: 'event.name', in: ['Product Added', 'Product Viewed'] }] })).toEqual(['Product Added', 'Product Viewed']);
  });

  it('joins the names of every branch of any, and gives up when a branch does not pin one', () => {
    expect(namesOf({ any: [{ path: 'event.name', eq: 'A' }, { path: 'event.name', eq: 'B' }] })).toEqual(['A', 'B']);
    expect(namesOf({ any: [{ path: 'event.name', eq: 'A' }, { path: 'profile.traits.vip', eq: true }] })).toBeUndefined();
    expect(namesOf({ not: { path: 'event.name', eq: 'A' } })).toBeUndefined();
    expect(namesOf({ path: 'event.name', ne: 'A' })).toBeUndefined();
  });
});
