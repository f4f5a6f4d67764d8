import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { classificationMetrics } from '../evaluation/classification-metrics.js';
import { GradientBoostedTrees, type GbdtSettings } from './gradient-boosted-trees.js';

const SETTINGS: GbdtSettings = { trees: 60, maxDepth: 3, learningRate: 0.2, minSamplesLeaf: 20, l2: 1, bins: 32 };

/** Buys when x0 and x1 are both high (an interaction a linear model misses); x2 is noise. */
function data(length: number, seed: number): { rows: number[][]; labels: number[] } {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < length; i++) {
    const row = [random(), random(), random()];
    const p = row[0]! > 0.6 && row[1]! > 0.6 ? 0.7 : 0.05;
    rows.push(row);
    labels.push(random() < p ? 1 : 0);
  }
  return { rows, labels };
}

describe('GradientBoostedTrees', () => {
  it('learns an interaction, ranks held-out rows well and is calibrated in each region', () => {
    const train = data(4000, 1);
    const test = data(2000, 2);
    const model = GradientBoostedTrees.train(train.rows, train.labels, SETTINGS);
    const metrics = classificationMetrics(test.rows.map((row) => model.predict(row)), test.labels);
    expect(metrics.rocAuc).toBeGreaterThan(0.8);
    expect(model.predict([0.9, 0.9, 0.5])).toBeCloseTo(0.7, 1);
    expect(model.predict([0.1, 0.9, 0.5])).toBeCloseTo(0.05, 1);
  });

  it('stops early on the validation set and keeps the best number of trees', () => {
    const train = data(2000, 3);
    const validation = data(1000, 4);
    const model = GradientBoostedTrees.train(train.rows, train.labels, { ...SETTINGS, trees: 400, learningRate: 0.5, minSamplesLeaf: 1, maxDepth: 6 }, { ...validation, patience: 10 });
    expect(model.size).toBeGreaterThan(0);
    expect(model.size).toBeLessThan(400);
  });

  it('keeps every leaf at least minSamplesLeaf rows: with too few rows it predicts the base rate', () => {
    const model = GradientBoostedTrees.train([[0], [1], [2], [3]], [0, 0, 1, 1], { ...SETTINGS, minSamplesLeaf: 3 });
    expect(model.predict([0])).toBeCloseTo(0.5, 10);
    expect(model.predict([3])).toBeCloseTo(0.5, 10);
  });

  it('refuses an empty or single-class training set, and bad rows and settings, naming the field', () => {
    expect(() => GradientBoostedTrees.train([], [], SETTINGS)).toThrow(/the training set is empty/);
    expect(() => GradientBoostedTrees.train([[1], [2]], [0, 0], SETTINGS)).toThrow(/only examples without a purchase/);
    expect(() => GradientBoostedTrees.train([[1], [2]], [1, 1], SETTINGS)).toThrow(/only examples with a purchase/);
    expect(() => GradientBoostedTrees.train([[1], [2, 3]], [0, 1], SETTINGS)).toThrow(/rows\[1\] has 2 values/);
    expect(() => GradientBoostedTrees.train([[1], [Number.NaN]], [0, 1], SETTINGS)).toThrow(/rows\[1\]\[0\] is NaN/);
    expect(() => GradientBoostedTrees.train([[1], [2]], [0, 1], { ...SETTINGS, maxDepth: 0 })).toThrow(/settings.maxDepth is 0/);
    expect(() => GradientBoostedTrees.train([[1], [2]], [0, 1], { ...SETTINGS, learningRate: 2 })).toThrow(/settings.learningRate is 2/);
  });
});
