/**
 * Per-column cut points at quantiles of the training values, so a tree tries at most `maxBins - 1`
 * thresholds per column instead of every distinct value (the histogram method of LightGBM and
 * XGBoost's `hist`). A value `x` falls in bin `b` when `cuts[b - 1] < x <= cuts[b]`; the last bin is
 * above every cut.
 */
export class QuantileBins {
  private constructor(readonly cuts: readonly Float64Array[]) {}

  /** Cut points of each column of `rows` (all rows must have `columns` values). */
  static fit(rows: readonly ArrayLike<number>[], columns: number, maxBins: number): QuantileBins {
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 256) throw new RangeError(`maxBins is ${maxBins}; it must be a whole number from 2 to 256`);
    const cuts: Float64Array[] = [];
    const values = new Float64Array(rows.length);
    for (let column = 0; column < columns; column++) {
      for (let i = 0; i < rows.length; i++) values[i] = rows[i]![column]!;
      values.sort();
      const columnCuts: number[] = [];
      for (let b = 1; b < maxBins; b++) {
        const cut = values[Math.min(values.length - 1, Math.floor((b * values.length) / maxBins))]!;
        // A cut at the maximum separates nothing; equal cuts (a frequent value) are one cut.
        if (cut < values[values.length - 1]! && cut !== columnCuts.at(-1)) columnCuts.push(cut);
      }
      cuts.push(Float64Array.from(columnCuts));
    }
    return new QuantileBins(cuts);
  }

  /** The bin of `value` in `column` (binary search over its cuts). */
  binOf(column: number, value: number): number {
    const columnCuts = this.cuts[column]!;
    let low = 0;
    let high = columnCuts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (value <= columnCuts[middle]!) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Every row's bin per column, column-major (`bins[column * rows + row]`) so a histogram reads one run of memory. */
  binAll(rows: readonly ArrayLike<number>[]): Uint8Array {
    const binned = new Uint8Array(rows.length * this.cuts.length);
    for (let column = 0; column < this.cuts.length; column++) {
      const offset = column * rows.length;
      for (let i = 0; i < rows.length; i++) binned[offset + i] = this.binOf(column, rows[i]![column]!);
    }
    return binned;
  }
}
