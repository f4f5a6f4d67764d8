import { describe, expect, it } from 'vitest';
import { SequentialRulesModel } from './sequential-rules-model.js';

describe('SequentialRulesModel', () => {
  it('weighs a rule by 1/steps between the clicks, and predicts from the last click only', () => {
    const rules = new SequentialRulesModel({ weighting: 'div', steps: 10 });
    ['A', 'B', 'C'].forEach((item) => rules.addClick('s1', item, 1));
    ['A', 'C'].forEach((item) => rules.addClick('s2', item, 2));
    expect(rules.predictNext(['Z', 'A'], 10)).toEqual([
      { itemId: 'C', score: 1.5 },
      { itemId: 'B', score: 1 },
    ]);
    expect(rules.predictNext(['A', 'C'], 10)).toEqual([]);
    expect(rules.predictWithEvidence(['A'], 10).evidence).toBe(2);
  });

  it('ignores pairs more than `steps` apart, and a click repeating its antecedent', () => {
    const rules = new SequentialRulesModel({ steps: 1 });
    ['A', 'B', 'C', 'C'].forEach((item) => rules.addClick('s', item, 1));
    expect(rules.predictNext(['A'], 10).map((item) => item.itemId)).toEqual(['B']);
    expect(rules.predictNext(['C'], 10)).toEqual([]);
  });

  it('learns from interleaved sessions without mixing them', () => {
    const rules = new SequentialRulesModel();
    rules.addClick('s1', 'A', 1);
    rules.addClick('s2', 'X', 2);
    rules.addClick('s1', 'B', 3);
    expect(rules.predictNext(['X'], 10)).toEqual([]);
    expect(rules.predictNext(['A'], 10).map((item) => item.itemId)).toEqual(['B']);
  });

  it('gives the share of the last item\'s next clicks that went to a candidate, next clicks only', () => {
    const rules = new SequentialRulesModel();
    ['A', 'B', 'C'].forEach((item) => rules.addClick('s1', item, 1));
    ['A', 'B'].forEach((item) => rules.addClick('s2', item, 2));
    ['A', 'C'].forEach((item) => rules.addClick('s3', item, 3));
    ['A', 'D'].forEach((item) => rules.addClick('s4', item, 4));
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((item) => rules.index.items.find(item)!);
    expect(rules.transitionShare(a!, b!)).toBe(0.5);
    expect(rules.transitionShare(a!, c!)).toBe(0.25);
    expect(rules.transitionShare(a!, d!)).toBe(0.25);
    expect(rules.transitionShare(d!, a!)).toBe(0);
  });
});
