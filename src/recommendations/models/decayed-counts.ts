import { GrowableCounts } from './item-ids.js';

/**
 * Exponentially decayed counts per item by forward decay (Cormode, Shkapenyuk, Srivastava and Xu,
 * ICDE 2009): an event at time t adds 2^((t − L)/h) for a landmark L, so old counts never need
 * rescaling as time passes and the ranking at any moment is the ranking of the stored values. When the
 * exponent grows large the landmark moves forward and every value is scaled once.
 */
export class DecayedCounts {
  private readonly counts = new GrowableCounts();
  private landmark: number | undefined;

  /** Exponents above this move the landmark: 2^600 is far from float64's 2^1023 limit. */
  private static readonly MAX_EXPONENT = 600;

  constructor(private readonly halfLifeMs: number) {
    if (!(halfLifeMs > 0)) throw new RangeError(`halfLifeMs is ${halfLifeMs}; it must be above 0`);
  }

  add(index: number, weight: number, at: number): void {
    this.landmark ??= at;
    let exponent = (at - this.landmark) / this.halfLifeMs;
    if (exponent > DecayedCounts.MAX_EXPONENT) {
      this.counts.scale(Math.pow(2, -exponent));
      this.landmark = at;
      exponent = 0;
    }
    this.counts.add(index, weight * Math.pow(2, exponent));
  }

  /** The decayed count of an item at time `now`: each event's weight halved per half-life since it. */
  valueAt(index: number, now: number): number {
    if (this.landmark === undefined) return 0;
    return this.counts.get(index) * Math.pow(2, (this.landmark - now) / this.halfLifeMs);
  }

  /**
   * A value proportional to the item's decayed count at any one moment: it ranks items without the
   * decay being computed (forward decay's point: the order does not depend on when it is read).
   */
  relative(index: number): number {
    return this.counts.get(index);
  }
}
