import { describe, expect, it } from 'vitest';
import { grownToHold } from './typed-arrays.js';

describe('grownToHold', () => {
  it('keeps an array long enough, and doubles a short one keeping its values and filling the new tail', () => {
    const array = Int32Array.of(1, 2, 3);
    expect(grownToHold(array, 3)).toBe(array);
    const grown = grownToHold(array, 7, -1);
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([1, 2, 3, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect([...grownToHold(new Float64Array(0), 1)]).toEqual([0]);
  });
});
