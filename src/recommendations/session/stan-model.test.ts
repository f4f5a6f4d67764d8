import { describe, expect, it } from 'vitest';
import { StanModel } from './stan-model.js';

describe('StanModel', () => {
  it('λ3: within a neighbour, the item next to the shared one beats the one two places away, before or after alike', () => {
    const model = new StanModel({ neighbourPositionDecay: 1 });
    ['F', 'A', 'N', 'M'].forEach((item) => model.addClick('n', item, 1));
    const scores = Object.fromEntries(model.predictNext(['A'], 10).map((item) => [item.itemId, item.score]));
    expect(scores.N).toBeGreaterThan(scores.M!);
    expect(scores.F).toBeCloseTo(scores.N!);
    expect(scores.N! / scores.A!).toBeCloseTo(Math.exp(-1));
    expect(scores.M! / scores.A!).toBeCloseTo(Math.exp(-2));
  });

  it('λ2: of two equally similar neighbours, the more recent one counts more', () => {
    const model = new StanModel({ recencyDecay: 10 });
    ['A', 'OLD'].forEach((item) => model.addClick('old', item, 0));
    ['A', 'NEW'].forEach((item) => model.addClick('new', item, 20));
    const scores = Object.fromEntries(model.predictNext(['A'], 10).map((item) => [item.itemId, item.score]));
    expect(scores.NEW! / scores.OLD!).toBeCloseTo(Math.exp(2));
  });

  it('λ1: the neighbour sharing the query\'s last click outranks the one sharing an older click', () => {
    const model = new StanModel({ positionDecay: 1 });
    ['A', 'X'].forEach((item) => model.addClick('a', item, 1));
    ['B', 'Y'].forEach((item) => model.addClick('b', item, 1));
    const ranked = model.predictNext(['A', 'B'], 10).map((item) => item.itemId);
    expect(ranked.indexOf('Y')).toBeLessThan(ranked.indexOf('X'));
  });

  it('normalises the overlap by session lengths (cosine), so a long neighbour sharing one item counts less', () => {
    const model = new StanModel({ neighbourPositionDecay: Number.POSITIVE_INFINITY });
    ['A', 'S'].forEach((item) => model.addClick('short', item, 1));
    ['A', 'L', 'L2', 'L3'].forEach((item) => model.addClick('long', item, 1));
    const scores = Object.fromEntries(model.predictNext(['A'], 10).map((item) => [item.itemId, item.score]));
    expect(scores.S! / scores.L!).toBeCloseTo(Math.sqrt(4 / 2));
  });
});
