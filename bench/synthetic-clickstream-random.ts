/**
 * The seeded randomness of the synthetic clickstream: a small fast PRNG (sfc32, seeded through
 * splitmix32) and the samplers the model needs. Math.random cannot be seeded, and the benchmark must
 * produce the same events for the same seed on every machine.
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

/** A 32-bit integer hash (lowbias32): per-product attributes are a function of the product alone. */
export function hash32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Samples an index with probability proportional to its weight in O(1) (Walker's alias method), so
 * drawing a product among 100,000 costs the same as drawing an event type among three.
 */
export class AliasSampler {
  private readonly probability: Float64Array;
  private readonly alias: Uint32Array;

  constructor(weights: ArrayLike<number>) {
    const size = weights.length;
    let total = 0;
    for (let i = 0; i < size; i++) total += weights[i] as number;
    if (!(total > 0)) throw new Error('AliasSampler needs a positive total weight');
    this.probability = new Float64Array(size);
    this.alias = new Uint32Array(size);
    const scaled = Float64Array.from({ length: size }, (_, i) => ((weights[i] as number) * size) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((value, index) => (value < 1 ? small : large).push(index));
    while (small.length > 0 && large.length > 0) {
      const less = small.pop() as number;
      const more = large.pop() as number;
      this.probability[less] = scaled[less] as number;
      this.alias[less] = more;
      scaled[more] = (scaled[more] as number) + (scaled[less] as number) - 1;
      (scaled[more] < 1 ? small : large).push(more);
    }
    for (const index of [...small, ...large]) this.probability[index] = 1;
  }

  sample(random: Random): number {
    const column = Math.floor(random.next() * this.probability.length);
    return random.next() < (this.probability[column] as number) ? column : (this.alias[column] as number);
  }
}

/** An exponentially distributed wait with the given mean: the gaps of a Poisson arrival process. */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random.next());
}

/**
 * Samples a distribution known by its quantiles (`[probability, value]` knots from 0 to 1),
 * interpolating linearly between them: what the stats script measures is what the model draws from.
 */
export function fromQuantiles(random: Random, knots: ReadonlyArray<readonly [number, number]>): number {
  const u = random.next();
  for (let i = 1; i < knots.length; i++) {
    const [p1, v1] = knots[i] as readonly [number, number];
    if (u <= p1) {
      const [p0, v0] = knots[i - 1] as readonly [number, number];
      return v0 + ((u - p0) / (p1 - p0)) * (v1 - v0);
    }
  }
  return (knots.at(-1) as readonly [number, number])[1];
}
