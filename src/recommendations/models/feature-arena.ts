import { grownToHold } from './typed-arrays.js';

/**
 * Each product's weighted features (token ids), all products' in two shared typed arrays: a product's
 * list is a range of them. Replacing a list appends the new one and leaves the old range as waste,
 * reclaimed by compacting when it outgrows the live lists. Two typed arrays per product (what a naive
 * entry holds) are six heap objects each in V8; here the whole catalog is four typed arrays.
 */
export class FeatureArena {
  private startOf = new Int32Array(1024);
  /** -1: the product has no list. */
  private lengthOf = new Int32Array(1024).fill(-1);
  private tokens = new Int32Array(1 << 16);
  /** Feature weights are small multiples of a half: exact in 32 bits. */
  private weights = new Float32Array(1 << 16);
  private used = 0;
  private live = 0;

  has(product: number): boolean {
    return product < this.lengthOf.length && this.lengthOf[product]! >= 0;
  }

  /** The product's tokens (a view: valid until the next `set`). */
  tokensOf(product: number): Int32Array {
    if (!this.has(product)) return new Int32Array(0);
    const start = this.startOf[product]!;
    return this.tokens.subarray(start, start + this.lengthOf[product]!);
  }

  /** Calls `visit` with each of the product's tokens and its weight. */
  forEach(product: number, visit: (token: number, weight: number) => void): void {
    if (!this.has(product)) return;
    const start = this.startOf[product]!;
    const end = start + this.lengthOf[product]!;
    for (let i = start; i < end; i++) visit(this.tokens[i]!, this.weights[i]!);
  }

  set(product: number, tokens: readonly number[], weights: readonly number[]): void {
    this.ensureProduct(product);
    if (this.lengthOf[product]! >= 0) this.live -= this.lengthOf[product]!;
    this.lengthOf[product] = -1;
    this.reserve(tokens.length);
    this.tokens.set(tokens, this.used);
    this.weights.set(weights, this.used);
    this.startOf[product] = this.used;
    this.lengthOf[product] = tokens.length;
    this.used += tokens.length;
    this.live += tokens.length;
  }

  private reserve(count: number): void {
    if (this.used + count <= this.tokens.length) return;
    const waste = this.used - this.live;
    // Compacting alone makes room when at least half the arena is waste; otherwise it grows as well.
    let capacity = this.tokens.length;
    if (waste < this.live) capacity *= 2;
    while (capacity < this.live + count) capacity *= 2;
    const tokens = new Int32Array(capacity);
    const weights = new Float32Array(capacity);
    let used = 0;
    for (let product = 0; product < this.lengthOf.length; product++) {
      const length = this.lengthOf[product]!;
      if (length < 0) continue;
      const start = this.startOf[product]!;
      tokens.set(this.tokens.subarray(start, start + length), used);
      weights.set(this.weights.subarray(start, start + length), used);
      this.startOf[product] = used;
      used += length;
    }
    this.tokens = tokens;
    this.weights = weights;
    this.used = used;
  }

  private ensureProduct(product: number): void {
    this.startOf = grownToHold(this.startOf, product + 1);
    this.lengthOf = grownToHold(this.lengthOf, product + 1, -1);
  }
}
