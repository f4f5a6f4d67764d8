import { describe, expect, it } from 'vitest';
import { featureSlot, FNV_OFFSET, hashText, hashValue, slotOfHash } from './feature-hashing.js';

describe('feature hashing', () => {
  it('hashes a name in parts as it hashes it whole', () => {
    expect(slotOfHash(hashText(hashText(FNV_OFFSET, 'click='), '12'))).toBe(featureSlot('click=12'));
  });

  it('hashes a value as the text a template string prints for it', () => {
    for (const value of [0, 7, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, -1, -40, 0.5, -2.25, 1e21, Number.NaN, true, false, 'none', '×'])
      expect(slotOfHash(hashValue(hashText(FNV_OFFSET, 'f='), value))).toBe(featureSlot(`f=${value}`));
  });

  it('never gives a feature the bias slot', () => {
    for (let i = 0; i < 2000; i++) expect(featureSlot(`n=${i}`)).toBeGreaterThan(0);
  });
});
