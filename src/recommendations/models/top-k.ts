/**
 * The k indices with the highest positive scores, best first (ties: the earlier candidate), among
 * `candidates`: a list of indices, or a count meaning every index below it. A bounded min-heap held in
 * typed arrays, over a plain loop: one pass over 200k items costs well under a millisecond. (Over an
 * iterator, with an object per heap entry, the same pass cost 4–15 ms, and the rankings refresh it on
 * the request path.)
 */
export function topIndices(candidates: ArrayLike<number> | number, k: number, score: (index: number) => number): number[] {
  const all = typeof candidates === 'number';
  const count = all ? candidates : candidates.length;
  const heap = new MinHeap(Math.max(0, Math.min(k, count)));
  if (heap.capacity === 0) return [];
  for (let position = 0; position < count; position++) {
    const index = all ? position : candidates[position]!;
    const value = score(index);
    if (!(value > 0)) continue;
    // A later candidate never beats an equal earlier one, so only a higher score enters a full heap.
    if (heap.size < heap.capacity) heap.push(index, value, position);
    else if (value > heap.rootScore()) heap.replaceRoot(index, value, position);
  }
  return heap.bestFirst();
}

/** The kept candidates; its root is the worst of them: the lowest score, or of equal scores the later. */
class MinHeap {
  size = 0;
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private readonly orders: Int32Array;

  constructor(readonly capacity: number) {
    this.indices = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.orders = new Int32Array(capacity);
  }

  rootScore(): number {
    return this.scores[0]!;
  }

  push(index: number, score: number, order: number): void {
    this.set(this.size, index, score, order);
    this.siftUp(this.size++);
  }

  replaceRoot(index: number, score: number, order: number): void {
    this.set(0, index, score, order);
    this.siftDown(0);
  }

  bestFirst(): number[] {
    const slots = Array.from({ length: this.size }, (_, slot) => slot);
    slots.sort((a, b) => this.scores[b]! - this.scores[a]! || this.orders[a]! - this.orders[b]!);
    return slots.map((slot) => this.indices[slot]!);
  }

  private worse(a: number, b: number): boolean {
    const scoreA = this.scores[a]!;
    const scoreB = this.scores[b]!;
    return scoreA < scoreB || (scoreA === scoreB && this.orders[a]! > this.orders[b]!);
  }

  private siftUp(slot: number): void {
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      if (!this.worse(slot, parent)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(slot: number): void {
    for (;;) {
      const left = 2 * slot + 1;
      const right = left + 1;
      let worst = slot;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === slot) return;
      this.swap(slot, worst);
      slot = worst;
    }
  }

  private set(slot: number, index: number, score: number, order: number): void {
    this.indices[slot] = index;
    this.scores[slot] = score;
    this.orders[slot] = order;
  }

  private swap(a: number, b: number): void {
    const index = this.indices[a]!;
    const score = this.scores[a]!;
    const order = this.orders[a]!;
    this.set(a, this.indices[b]!, this.scores[b]!, this.orders[b]!);
    this.set(b, index, score, order);
  }
}
