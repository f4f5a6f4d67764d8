/**
 * A small fast seeded PRNG (sfc32, seeded through splitmix32), for whatever must draw the same numbers
 * for the same seed on every machine — the benchmarks' synthetic data and simulations, and tests of
 * randomised code. Math.random cannot be seeded; services take an injected `random` instead.
 *
 * @example
 * const random = createRandom(7).next; // a () => number in [0, 1)
 */
export interface Random {
  /** A uniform number in [0, 1). */
  next(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const splitmix = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return {
    next() {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
  };
}
