/**
 * A seeded uniform generator on [0, 1) (mulberry32: 32 bits of state, a few integer operations per
 * draw). Bootstrap intervals use it so the same seed gives the same interval on every machine, which
 * `Math.random` cannot; it is not for anything that must be unpredictable.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number on every run
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) {
    throw new RangeError(`seed is ${seed}; it must be an integer`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
