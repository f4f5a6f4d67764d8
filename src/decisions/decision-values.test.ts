import { describe, expect, it } from 'vitest';
import { withoutEmpty } from './decision-values.js';

describe('withoutEmpty', () => {
  it('drops null, undefined and non-finite numbers at any depth, in objects and arrays', () => {
    const value = {
      name: 'Sarah',
      points: 0,
      missing: undefined,
      nothing: null,
      ratio: Number.NaN,
      far: Number.POSITIVE_INFINITY,
      flags: [true, null, false, undefined],
      session: { products: ['p1', null], cartValue: Number.NaN, at: { hour: 9, zone: undefined } },
    };
    expect(withoutEmpty(value)).toStrictEqual({
      name: 'Sarah',
      points: 0,
      flags: [true, false],
      session: { products: ['p1'], at: { hour: 9 } },
    });
  });

  it('copies: changing the result leaves the source as it was', () => {
    const source = { traits: { tier: 'gold' }, tags: ['a'] };
    const copy = withoutEmpty(source) as typeof source;
    copy.traits.tier = 'silver';
    copy.tags.push('b');
    expect(source).toStrictEqual({ traits: { tier: 'gold' }, tags: ['a'] });
  });

  it('keeps only own properties, not inherited ones', () => {
    const inherited = Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 });
    expect(withoutEmpty(inherited)).toStrictEqual({ own: 2 });
  });
});
