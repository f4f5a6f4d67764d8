import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { GBDT_GRID } from '../gbdt/choose-trees.js';
import { FTRL_GRID, trainAndEvaluate } from './epp-training.js';
import { featureSlot } from './feature-hashing.js';
import type { LabelledSession } from './session-examples.js';

/** Sessions whose one feature (hashed and dense alike) makes a purchase likely, started a minute apart. */
function sessions(count: number, buys: (signal: boolean, random: () => number) => boolean): LabelledSession[] {
  const random = seededRandom(3);
  return Array.from({ length: count }, (_, i) => {
    const signal = random() < 0.3;
    const startedAt = i * 60_000;
    const examples = [1, 2, 3].map((click) => ({
      slots: Int32Array.from([featureSlot(`signal=${signal}`), featureSlot(`click=${click}`)]),
      dense: Float32Array.from([signal ? 1 : 0, click]),
      click,
      at: startedAt + click * 1000,
      hasCartAdd: false,
    }));
    return { profileKey: `u${i}`, startedAt, bought: buys(signal, random), examples };
  });
}

describe('trainAndEvaluate', () => {
  const data = sessions(800, (signal, random) => random() < (signal ? 0.5 : 0.05));

  it('chooses each family on validation, marks one chosen setting each, and tests on the latest sessions only', () => {
    const result = trainAndEvaluate(data, { testFraction: 0.25, validationFraction: 0.2, maxClick: 3, gbdt: true });
    expect(result.ftrl.selection).toHaveLength(FTRL_GRID.length);
    expect(result.gbdt!.selection).toHaveLength(GBDT_GRID.length);
    expect(result.ftrl.selection.filter((row) => row.chosen)).toHaveLength(1);
    expect(result.gbdt!.selection.filter((row) => row.chosen)).toHaveLength(1);
    expect(result.gbdt!.chosen.trees).toBe(result.gbdt!.selection.find((row) => row.chosen)!.learned!.trees);
    expect(result.test.map((session) => session.startedAt)).toEqual(data.slice(600).map((session) => session.startedAt));
    expect(result.validationSessions).toBe(120);
    expect(result.clicks).toHaveLength(3);
    expect(result.clicks[0]!.scorers.gbdt!.rocAuc).toBeGreaterThan(0.65);
    expect(result.clicks[0]!.scorers.model!.rocAuc).toBeGreaterThan(0.65);
  });

  it('leaves the trees out unless asked for', () => {
    const result = trainAndEvaluate(data, { testFraction: 0.25, validationFraction: 0.2, maxClick: 3, gbdt: false });
    expect(result.gbdt).toBeUndefined();
    expect(result.clicks[0]!.scorers.gbdt).toBeUndefined();
  });

  it('refuses a training period with one class, and one whose train-inner part has one class, saying which', () => {
    const noBuyer = sessions(100, () => false);
    expect(() => trainAndEvaluate(noBuyer, { testFraction: 0.25, validationFraction: 0.2, maxClick: 3, gbdt: true })).toThrow(/the training period has only sessions without a purchase/);
    const lateBuyers = sessions(100, () => false).map((session, i) => ({ ...session, bought: i >= 70 }));
    expect(() => trainAndEvaluate(lateBuyers, { testFraction: 0.25, validationFraction: 0.2, maxClick: 3, gbdt: true })).toThrow(/before the validation slice .* only sessions without a purchase/);
  });
});
