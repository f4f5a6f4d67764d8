/** The accuracy and the shape of one strategy's lists at one cut-off k. */
export interface NextItemMetrics {
  k: number;
  /** Queries whose target is in the top k (Recall@k; the papers' P@k, as each query has one target). */
  hitRate: number;
  /** Mean of 1/rank of the target, 0 beyond k. */
  mrr: number;
  /** Mean of 1/log2(rank + 1), 0 beyond k (one relevant item, so the ideal DCG is 1). */
  ndcg: number;
  /** Distinct items recommended in any top k over the items seen in training. */
  coverage: number;
  /** Mean training-popularity percentile of the recommended items (near 1: the most clicked items; 0.5: as popular as a random training item). */
  popularityBias: number;
  queries: number;
}

/**
 * Accumulates next-item metrics at several cut-offs over the queries of one strategy. Popularity
 * percentiles come from the training click counts: an item's percentile is the share of training
 * items clicked less often than it, ties counted half.
 *
 * @example
 * const metrics = new NextItemMetricsAccumulator([10, 20], trainingClicks);
 * metrics.add(['A', 'B'], 'B'); // hit at rank 2
 * metrics.result(); // [{ k: 10, hitRate: 1, mrr: 0.5, … }, { k: 20, … }]
 */
export class NextItemMetricsAccumulator {
  private queries = 0;
  private readonly hits: number[];
  private readonly reciprocalRanks: number[];
  private readonly gains: number[];
  private readonly percentileSums: number[];
  private readonly listed: number[];
  private readonly recommended: Set<string>[];
  private readonly percentiles: Map<string, number>;

  constructor(
    readonly ks: readonly number[],
    trainingClicks: ReadonlyMap<string, number>,
  ) {
    this.hits = ks.map(() => 0);
    this.reciprocalRanks = ks.map(() => 0);
    this.gains = ks.map(() => 0);
    this.percentileSums = ks.map(() => 0);
    this.listed = ks.map(() => 0);
    this.recommended = ks.map(() => new Set());
    this.percentiles = popularityPercentiles(trainingClicks);
  }

  /** One query: the strategy's list, best first, and the item that really came next. */
  add(list: readonly string[], target: string): void {
    this.queries++;
    const rank = list.indexOf(target) + 1;
    this.ks.forEach((k, i) => {
      if (rank > 0 && rank <= k) {
        this.hits[i]!++;
        this.reciprocalRanks[i]! += 1 / rank;
        this.gains[i]! += 1 / Math.log2(rank + 1);
      }
      for (const item of list.slice(0, k)) {
        this.recommended[i]!.add(item);
        this.percentileSums[i]! += this.percentiles.get(item) ?? 0;
        this.listed[i]!++;
      }
    });
  }

  result(): NextItemMetrics[] {
    const per = (total: number) => (this.queries === 0 ? 0 : total / this.queries);
    return this.ks.map((k, i) => ({
      k,
      hitRate: per(this.hits[i]!),
      mrr: per(this.reciprocalRanks[i]!),
      ndcg: per(this.gains[i]!),
      coverage: this.percentiles.size === 0 ? 0 : this.recommended[i]!.size / this.percentiles.size,
      popularityBias: this.listed[i] === 0 ? 0 : this.percentileSums[i]! / this.listed[i]!,
      queries: this.queries,
    }));
  }
}

function popularityPercentiles(clicks: ReadonlyMap<string, number>): Map<string, number> {
  const counts = [...clicks.values()].sort((a, b) => a - b);
  const percentiles = new Map<string, number>();
  for (const [item, count] of clicks) {
    const below = lowerBound(counts, count);
    const ties = lowerBound(counts, count + 1) - below;
    percentiles.set(item, (below + ties / 2) / counts.length);
  }
  return percentiles;
}

/** The index of the first value ≥ `value` in ascending `sorted`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
