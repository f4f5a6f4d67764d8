import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draws = (seed: number) => { const random = seededRandom(seed); return Array.from({ length: 5 }, random); };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('is uniform on [0, 1): every draw in range, each tenth holding about a tenth', () => {
    const random = seededRandom(1);
    const tenths = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const draw = random();
      if (draw < 0 || draw >= 1) outOfRange++;
      else tenths[Math.floor(draw * 10)]!++;
    }
    expect(outOfRange).toBe(0);
    for (const count of tenths) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => seededRandom(0.5)).toThrow(/seed/);
  });
});
