import { describe, expect, it } from 'vitest';
import { formatFamilySelections } from './family-selection-table.js';

describe('formatFamilySelections', () => {
  it('prints the rule and each family’s table, FTRL first', () => {
    const validation = { examples: 10, positives: 2, rocAuc: 0.7, prAuc: 0.3, logLoss: 0.4, ece: 0.01 };
    const text = formatFamilySelections({
      rule: 'best',
      ftrl: [{ settings: { epochs: 3, settings: { alpha: 0.05, beta: 1, l1: 0.5, l2: 1 } }, validation, chosen: true }],
      gbdt: [{ settings: { trees: 400, maxDepth: 3, learningRate: 0.1, minSamplesLeaf: 50, l2: 1, bins: 64 }, validation, learned: { trees: 80 }, chosen: true }],
    });
    expect(text).toContain('settings chosen on validation: best');
    expect(text).toContain('FTRL passes 3, alpha 0.05, L1 0.5, L2 1');
    expect(text).toContain('GBDT depth 3, rate 0.1, min leaf 50, L2 1');
    expect(text.indexOf('FTRL on validation')).toBeLessThan(text.indexOf('gradient-boosted trees on validation'));
  });
});
