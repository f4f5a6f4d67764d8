import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { featureSlot } from '../epp/feature-hashing.js';
import { evaluateUci } from './uci-evaluation.js';
import type { UciSession } from './uci-shoppers.js';

/** Whole sessions whose page value mostly decides the purchase, about 15% buying. */
function sessions(count: number): UciSession[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, () => {
    const pageValue = random() < 0.2 ? 1 : 0;
    const label = (random() < (pageValue ? 0.6 : 0.04) ? 1 : 0) as 0 | 1;
    return { slots: Int32Array.from([featureSlot(`page_value=${pageValue}`)]), dense: Float32Array.from([pageValue, random()]), label };
  });
}

describe('evaluateUci', () => {
  const data = sessions(1500);

  it('chooses on a slice of the 70% only: the 30% test part is the same whatever the validation share', () => {
    const a = evaluateUci(data, { seed: 42, validationFraction: 0.2, gbdt: false });
    const b = evaluateUci(data, { seed: 42, validationFraction: 0.4, gbdt: false });
    expect(a.testRows).toBe(b.testRows);
    expect(a.constant).toEqual(b.constant);
    expect(a.ftrl.model.positives).toBe(b.ftrl.model.positives);
    expect(a.ftrl.selection[0]!.validation.examples).toBeLessThan(b.ftrl.selection[0]!.validation.examples);
  });

  it('keeps the purchase rate in the validation slice (stratified) and gives the same result for the same seed', () => {
    const run = evaluateUci(data, { seed: 42, validationFraction: 0.2, gbdt: true });
    const { examples, positives } = run.ftrl.selection[0]!.validation;
    const rate = data.filter((session) => session.label === 1).length / data.length;
    expect(positives / examples).toBeCloseTo(rate, 2);
    expect(run.gbdt!.selection.filter((row) => row.chosen)).toHaveLength(1);
    expect(run.gbdt!.model.rocAuc).toBeGreaterThan(0.75);
    expect(evaluateUci(data, { seed: 42, validationFraction: 0.2, gbdt: true }).gbdt!.model).toEqual(run.gbdt!.model);
  });
});
