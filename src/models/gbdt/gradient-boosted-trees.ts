/**
 * Gradient-boosted decision trees for logistic loss, written here because no npm package fits (checked
 * 2026-11, see docs/prediction.md): `decision-tree` (its "XGBoost" splits ID3-style on every distinct
 * value of a column, copying each row per node) does not scale to numeric features; `ml-xgboost` is one
 * unmaintained release wrapping a 2017 xgboost in WASM; `xgboost-scorer` only scores; `ml-cart` and
 * `ml-random-forest` do not boost. The method is XGBoost's (Chen & Guestrin, KDD 2016) with
 * LightGBM's histogram splits: gradients and hessians of the log loss, quantile bins per column,
 * depth-limited trees grown level by level, a minimum of rows per leaf, L2 on leaf values, shrinkage,
 * and optional early stopping on a validation set.
 */
import { classificationMetrics } from '../evaluation/classification-metrics.js';
import { sigmoid } from '../sigmoid.js';
import { QuantileBins } from './quantile-bins.js';

export interface GbdtSettings {
  /** Boosting rounds at most (early stopping may keep fewer). */
  trees: number;
  maxDepth: number;
  /** Shrinkage: each tree's leaf values are scaled by this. */
  learningRate: number;
  /** A split is made only when both sides keep at least this many training rows. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  l2: number;
  /** Quantile bins per column, 2 to 256. */
  bins: number;
}

/** Stops adding trees once the validation log loss has not improved for `patience` rounds, and keeps the best count. */
export interface EarlyStopping {
  rows: readonly ArrayLike<number>[];
  labels: ArrayLike<number>;
  patience: number;
}

/** One tree in flat arrays: node `k` is a leaf when `feature[k]` is −1; else `x[feature] <= threshold` goes to `left[k]`, the rest to `left[k] + 1`. */
interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
}

const MAX_BINS = 256;

/**
 * A trained ensemble: the probability of a row is the sigmoid of the base margin plus one leaf value per tree.
 *
 * @example
 * const model = GradientBoostedTrees.train(rows, labels, { trees: 200, maxDepth: 4, learningRate: 0.1, minSamplesLeaf: 50, l2: 1, bins: 64 });
 * model.predict(rows[0]); // a probability
 */
export class GradientBoostedTrees {
  private constructor(
    private readonly baseMargin: number,
    private readonly trees: FlatTree[],
  ) {}

  /** Trees kept (after early stopping). */
  get size(): number {
    return this.trees.length;
  }

  predict(row: ArrayLike<number>): number {
    let margin = this.baseMargin;
    for (const tree of this.trees) margin += leafValue(tree, row);
    return sigmoid(margin);
  }

  /**
   * @throws RangeError naming the field, for an empty or single-class training set, rows of different
   *   lengths or with values that are not finite numbers, and settings out of range.
   */
  static train(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, settings: GbdtSettings, earlyStopping?: EarlyStopping): GradientBoostedTrees {
    const columns = checkTrainingSet(rows, labels);
    checkSettings(settings);
    const n = rows.length;
    let positives = 0;
    for (let i = 0; i < n; i++) positives += labels[i]!;
    const baseMargin = Math.log(positives / (n - positives));
    const bins = QuantileBins.fit(rows, columns, settings.bins);
    const grower = new TreeGrower(bins, bins.binAll(rows), n, settings);
    const margins = new Float64Array(n).fill(baseMargin);
    const gradients = new Float64Array(n);
    const hessians = new Float64Array(n);
    const validationMargins = new Float64Array(earlyStopping?.rows.length ?? 0).fill(baseMargin);
    const trees: FlatTree[] = [];
    let best = { loss: Number.POSITIVE_INFINITY, trees: 0 };
    for (let round = 0; round < settings.trees; round++) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(margins[i]!);
        gradients[i] = p - labels[i]!;
        hessians[i] = p * (1 - p);
      }
      const tree = grower.grow(gradients, hessians, margins);
      trees.push(tree);
      if (earlyStopping === undefined) continue;
      const scores = new Float64Array(validationMargins.length);
      for (let i = 0; i < validationMargins.length; i++) {
        validationMargins[i]! += leafValue(tree, earlyStopping.rows[i]!);
        scores[i] = sigmoid(validationMargins[i]!);
      }
      const loss = classificationMetrics(scores, earlyStopping.labels).logLoss;
      if (loss < best.loss) best = { loss, trees: trees.length };
      else if (trees.length - best.trees >= earlyStopping.patience) break;
    }
    return new GradientBoostedTrees(baseMargin, earlyStopping === undefined ? trees : trees.slice(0, best.trees));
  }
}

/** Grows one tree on the gradients, level by level, and adds its leaf values to the training margins. */
class TreeGrower {
  private readonly columns: number;
  private readonly histogram: Float64Array;

  constructor(
    private readonly bins: QuantileBins,
    private readonly binned: Uint8Array,
    private readonly rows: number,
    private readonly settings: GbdtSettings,
  ) {
    this.columns = bins.cuts.length;
    // Per column and bin: sum of gradients, sum of hessians, rows.
    this.histogram = new Float64Array(this.columns * MAX_BINS * 3);
  }

  grow(gradients: Float64Array, hessians: Float64Array, margins: Float64Array): FlatTree {
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const value: number[] = [];
    /** Appends a leaf (split later, if at all) and returns its index. */
    const addNode = (): number => {
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      value.push(0);
      return feature.length - 1;
    };
    const all = new Uint32Array(this.rows);
    for (let i = 0; i < this.rows; i++) all[i] = i;
    const open: Array<{ node: number; rows: Uint32Array; depth: number }> = [{ node: addNode(), rows: all, depth: 0 }];
    while (open.length > 0) {
      const { node, rows, depth } = open.pop()!;
      const split = depth < this.settings.maxDepth ? this.bestSplit(rows, gradients, hessians) : undefined;
      if (split === undefined) {
        value[node] = this.leafValue(rows, gradients, hessians);
        for (const row of rows) margins[row]! += value[node]!;
        continue;
      }
      const offset = split.column * this.rows;
      const goesLeft = rows.filter((row) => this.binned[offset + row]! <= split.bin);
      const goesRight = rows.filter((row) => this.binned[offset + row]! > split.bin);
      feature[node] = split.column;
      threshold[node] = this.bins.cuts[split.column]![split.bin]!;
      left[node] = feature.length;
      for (const rowsOfChild of [goesLeft, goesRight]) open.push({ node: addNode(), rows: rowsOfChild, depth: depth + 1 });
    }
    return { feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), left: Int32Array.from(left), value: Float64Array.from(value) };
  }

  private leafValue(rows: Uint32Array, gradients: Float64Array, hessians: Float64Array): number {
    let g = 0;
    let h = 0;
    for (const row of rows) {
      g += gradients[row]!;
      h += hessians[row]!;
    }
    return (-g / (h + this.settings.l2)) * this.settings.learningRate;
  }

  /** The split with the largest gain in regularised loss, if any leaves both sides at least `minSamplesLeaf` rows. */
  private bestSplit(rows: Uint32Array, gradients: Float64Array, hessians: Float64Array): { column: number; bin: number } | undefined {
    const { minSamplesLeaf, l2 } = this.settings;
    if (rows.length < 2 * minSamplesLeaf) return undefined;
    const histogram = this.histogram;
    histogram.fill(0);
    let totalG = 0;
    let totalH = 0;
    for (const row of rows) {
      totalG += gradients[row]!;
      totalH += hessians[row]!;
    }
    for (let column = 0; column < this.columns; column++) {
      const offset = column * this.rows;
      const base = column * MAX_BINS * 3;
      for (const row of rows) {
        const at = base + this.binned[offset + row]! * 3;
        histogram[at]! += gradients[row]!;
        histogram[at + 1]! += hessians[row]!;
        histogram[at + 2]!++;
      }
    }
    const parentScore = (totalG * totalG) / (totalH + l2);
    let best: { column: number; bin: number; gain: number } | undefined;
    for (let column = 0; column < this.columns; column++) {
      const base = column * MAX_BINS * 3;
      let leftG = 0;
      let leftH = 0;
      let leftRows = 0;
      const cuts = this.bins.cuts[column]!.length;
      for (let bin = 0; bin < cuts; bin++) {
        leftG += histogram[base + bin * 3]!;
        leftH += histogram[base + bin * 3 + 1]!;
        leftRows += histogram[base + bin * 3 + 2]!;
        if (leftRows < minSamplesLeaf) continue;
        if (rows.length - leftRows < minSamplesLeaf) break;
        const rightG = totalG - leftG;
        const rightH = totalH - leftH;
        const gain = (leftG * leftG) / (leftH + l2) + (rightG * rightG) / (rightH + l2) - parentScore;
        if (gain > 1e-12 && (best === undefined || gain > best.gain)) best = { column, bin, gain };
      }
    }
    return best;
  }
}

function leafValue(tree: FlatTree, row: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node]! >= 0) node = row[tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.left[node]! + 1;
  return tree.value[node]!;
}

function checkTrainingSet(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>): number {
  if (rows.length === 0) throw new RangeError('the training set is empty: trees need examples of buyers and of non-buyers');
  if (labels.length !== rows.length) throw new RangeError(`labels has ${labels.length} entries for ${rows.length} rows; pass one label per row`);
  const columns = rows[0]!.length;
  let positives = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length !== columns) throw new RangeError(`rows[${i}] has ${row.length} values; every row needs ${columns}, as rows[0]`);
    for (let column = 0; column < columns; column++) {
      if (!Number.isFinite(row[column])) throw new RangeError(`rows[${i}][${column}] is ${row[column]}; values must be finite numbers`);
    }
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`labels[${i}] is ${labels[i]}; labels must be 0 or 1`);
    positives += labels[i]!;
  }
  if (positives === 0 || positives === rows.length) {
    throw new RangeError(`the training set has only ${positives === 0 ? 'examples without a purchase' : 'examples with a purchase'}: nothing to learn from`);
  }
  return columns;
}

function checkSettings(settings: GbdtSettings): void {
  const wholeAtLeast = (field: keyof GbdtSettings, minimum: number, maximum = Number.MAX_SAFE_INTEGER) => {
    const value = settings[field];
    if (!Number.isInteger(value) || value < minimum || value > maximum) throw new RangeError(`settings.${field} is ${value}; it must be a whole number from ${minimum}${maximum < Number.MAX_SAFE_INTEGER ? ` to ${maximum}` : ''}`);
  };
  wholeAtLeast('trees', 1);
  wholeAtLeast('maxDepth', 1, 16);
  wholeAtLeast('minSamplesLeaf', 1);
  wholeAtLeast('bins', 2, MAX_BINS);
  if (!(settings.learningRate > 0 && settings.learningRate <= 1)) throw new RangeError(`settings.learningRate is ${settings.learningRate}; it must be in (0, 1]`);
  if (!(settings.l2 >= 0 && Number.isFinite(settings.l2))) throw new RangeError(`settings.l2 is ${settings.l2}; it must be a finite number ≥ 0`);
}
