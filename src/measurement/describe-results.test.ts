import { describe, expect, it } from 'vitest';
import { describeResults } from './describe-results.js';

describe('describeResults', () => {
  it('gives per-arm and per-variant rates, the lift with a 95% interval, and what the campaign added', () => {
    const results = describeResults('c1', [
      { campaignId: 'c1', arm: 'treatment', variantId: 'a', exposures: 600, conversions: 60, value: 6000 },
      { campaignId: 'c1', arm: 'treatment', variantId: 'b', exposures: 400, conversions: 20, value: 2000 },
      { campaignId: 'c1', arm: 'holdout', variantId: '', exposures: 1000, conversions: 50, value: 5000 },
    ]);
    expect(results.treatment).toMatchObject({ exposures: 1000, conversions: 80, conversionRate: 0.08, value: 8000 });
    expect(results.treatment.variants.map((variant) => [variant.variantId, variant.conversionRate])).toEqual([['a', 0.1], ['b', 0.05]]);
    // Variant a over the holdout: .10 − .05; se = sqrt(.1·.9/600 + .05·.95/1000) = 0.0140535; ±1.96·se = ±0.027544
    expect(results.treatment.variants[0]!.lift!.absolute).toBeCloseTo(0.05, 6);
    expect(results.treatment.variants[0]!.lift!.ci95[0]).toBeCloseTo(0.05 - 0.027544, 5);
    expect(results.treatment.variants[1]!.lift!.absolute).toBeCloseTo(0, 6);
    expect(results.holdout.conversionRate).toBe(0.05);
    expect(results.lift!.absolute).toBeCloseTo(0.03, 6);
    expect(results.lift!.relative).toBeCloseTo(0.6, 6);
    // se = sqrt(.08·.92/1000 + .05·.95/1000) = 0.0110045; ±1.96·se = ±0.021569
    expect(results.lift!.ci95[0]).toBeCloseTo(0.03 - 0.021569, 5);
    expect(results.lift!.ci95[1]).toBeCloseTo(0.03 + 0.021569, 5);
    expect(results.incrementalConversions).toBeCloseTo(30, 6);
    expect(results.incrementalValue).toBeCloseTo(3000, 6);
  });

  it('has no lift until both arms have exposures', () => {
    const results = describeResults('c1', [{ campaignId: 'c1', arm: 'treatment', variantId: 'a', exposures: 10, conversions: 1, value: 0 }]);
    expect(results.holdout.conversionRate).toBeNull();
    expect(results.lift).toBeNull();
    expect(results.incrementalConversions).toBeNull();
  });
});
