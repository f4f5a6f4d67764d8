import { describe, expect, it } from 'vitest';
import { featureSlot } from './feature-hashing.js';
import { FtrlLogisticRegression } from './ftrl-logistic-regression.js';

/** A stream where feature `a` buys 80% of the time and `b` 10%, deterministically interleaved. */
function stream(length: number): Array<{ slots: number[]; label: 0 | 1 }> {
  const a = [featureSlot('x=a')];
  const b = [featureSlot('x=b')];
  return Array.from({ length }, (_, i) => (i % 2 === 0 ? { slots: a, label: (i % 10 < 8 ? 1 : 0) as 0 | 1 } : { slots: b, label: (i % 20 === 1 ? 1 : 0) as 0 | 1 }));
}

describe('FtrlLogisticRegression', () => {
  it('learns calibrated probabilities for features with different purchase rates', () => {
    const model = new FtrlLogisticRegression({ alpha: 0.1, beta: 1, l1: 0, l2: 0 });
    for (const { slots, label } of stream(20_000)) model.update(slots, label);
    expect(model.predict([featureSlot('x=a')])).toBeCloseTo(0.8, 1);
    expect(model.predict([featureSlot('x=b')])).toBeCloseTo(0.1, 1);
  });

  it('keeps rare, uninformative features at exactly zero under L1', () => {
    const model = new FtrlLogisticRegression({ alpha: 0.1, beta: 1, l1: 5, l2: 0 });
    for (const { slots, label } of stream(2000)) model.update(slots, label);
    model.update([featureSlot('x=a'), featureSlot('seen-once')], 1);
    const withRare = model.predict([featureSlot('x=a'), featureSlot('seen-once')]);
    expect(withRare).toBe(model.predict([featureSlot('x=a')]));
  });

  it('survives a round trip through its state with identical predictions and learning', () => {
    const model = new FtrlLogisticRegression();
    for (const { slots, label } of stream(500)) model.update(slots, label);
    const copy = FtrlLogisticRegression.fromState(JSON.parse(JSON.stringify(model.toState())));
    expect(copy.predict([featureSlot('x=a')])).toBe(model.predict([featureSlot('x=a')]));
    model.update([featureSlot('x=b')], 1);
    copy.update([featureSlot('x=b')], 1);
    expect(copy.predict([featureSlot('x=b')])).toBe(model.predict([featureSlot('x=b')]));
    expect(copy.nonZeroWeights()).toBe(model.nonZeroWeights());
  });

  it('returns the prediction made before each update (progressive validation)', () => {
    const model = new FtrlLogisticRegression();
    expect(model.update([featureSlot('x=a')], 1)).toBe(0.5);
    expect(model.predict([featureSlot('x=a')])).toBeGreaterThan(0.5);
  });
});
