import { grownToHold } from './typed-arrays.js';

/** Smallest list a slab holds; each larger slab doubles it, up to the lists' bound. */
const MIN_CAPACITY = 4;

/**
 * One weighted neighbour list per item, up to `maxLength` entries, stored in a few typed arrays
 * rather than a Map per item. Lists live in slabs of fixed capacities (4, 8, 16, … up to
 * `maxLength`); a full list moves to the next slab and leaves its slot on a free list. The point is
 * the garbage collector: a Map per item with a boxed number per fractional weight made the co-occurrence
 * models millions of small heap objects, which every major collection walked in the one event loop
 * that also answers requests. Here a few hundred thousand lists are a dozen typed arrays.
 */
export class NeighbourLists {
  private readonly slabs: Slab[] = [];
  /** Per item: its slab (-1: no list yet), its slot in the slab, its length. */
  private slabOf = new Int8Array(1024).fill(-1);
  private slotOf = new Int32Array(1024);
  private lengthOf = new Int32Array(1024);

  constructor(readonly maxLength: number) {
    if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength is ${maxLength}; it must be a positive integer`);
    for (let capacity = MIN_CAPACITY; ; capacity *= 2) {
      this.slabs.push(new Slab(Math.min(capacity, maxLength)));
      if (capacity >= maxLength) break;
    }
  }

  /** Adds `weight` to the neighbour's entry in the item's list (creating it); returns the list's length. */
  add(item: number, neighbour: number, weight: number): number {
    this.ensureItem(item);
    let slabIndex = this.slabOf[item]!;
    if (slabIndex < 0) {
      slabIndex = 0;
      this.slabOf[item] = 0;
      this.slotOf[item] = this.slabs[0]!.allocate();
    }
    let slab = this.slabs[slabIndex]!;
    let start = this.slotOf[item]! * slab.capacity;
    const length = this.lengthOf[item]!;
    for (let i = start; i < start + length; i++) {
      if (slab.neighbours[i] === neighbour) {
        slab.weights[i]! += weight;
        return length;
      }
    }
    if (length === this.maxLength) throw new RangeError(`the list of item ${item} is full (${this.maxLength}); prune it first`);
    if (length === slab.capacity) {
      const bigger = this.slabs[slabIndex + 1]!;
      const slot = bigger.allocate();
      const biggerStart = slot * bigger.capacity;
      bigger.neighbours.set(slab.neighbours.subarray(start, start + length), biggerStart);
      bigger.weights.set(slab.weights.subarray(start, start + length), biggerStart);
      slab.release(this.slotOf[item]!);
      this.slabOf[item] = slabIndex + 1;
      this.slotOf[item] = slot;
      slab = bigger;
      start = biggerStart;
    }
    slab.neighbours[start + length] = neighbour;
    slab.weights[start + length] = weight;
    this.lengthOf[item] = length + 1;
    return length + 1;
  }

  /** Keeps the item's `keep` heaviest neighbours (ties: the earlier entry) and drops the rest. */
  keepHeaviest(item: number, keep: number): void {
    const length = this.lengthOf[item] ?? 0;
    if (length <= keep) return;
    const slab = this.slabs[this.slabOf[item]!]!;
    const start = this.slotOf[item]! * slab.capacity;
    const order = Array.from({ length }, (_, i) => i).sort((a, b) => slab.weights[start + b]! - slab.weights[start + a]! || a - b);
    const neighbours = order.slice(0, keep).map((i) => slab.neighbours[start + i]!);
    const weights = order.slice(0, keep).map((i) => slab.weights[start + i]!);
    slab.neighbours.set(neighbours, start);
    slab.weights.set(weights, start);
    this.lengthOf[item] = keep;
  }

  /** The neighbour's weight in the item's list (0 when absent): a scan, as lists are short. */
  weightOf(item: number, neighbour: number): number {
    const length = item < this.lengthOf.length ? this.lengthOf[item]! : 0;
    if (length === 0) return 0;
    const slab = this.slabs[this.slabOf[item]!]!;
    const start = this.slotOf[item]! * slab.capacity;
    for (let i = start; i < start + length; i++) if (slab.neighbours[i] === neighbour) return slab.weights[i]!;
    return 0;
  }

  /** The item's neighbours and weights as a map, in list order. */
  toMap(item: number): Map<number, number> {
    const map = new Map<number, number>();
    this.forEach(item, (neighbour, weight) => map.set(neighbour, weight));
    return map;
  }

  /** Calls `visit` for each neighbour of the item with its weight. */
  forEach(item: number, visit: (neighbour: number, weight: number) => void): void {
    const length = item < this.lengthOf.length ? this.lengthOf[item]! : 0;
    if (length === 0) return;
    const slab = this.slabs[this.slabOf[item]!]!;
    const start = this.slotOf[item]! * slab.capacity;
    for (let i = start; i < start + length; i++) visit(slab.neighbours[i]!, slab.weights[i]!);
  }

  private ensureItem(item: number): void {
    this.slabOf = grownToHold(this.slabOf, item + 1, -1);
    this.slotOf = grownToHold(this.slotOf, item + 1);
    this.lengthOf = grownToHold(this.lengthOf, item + 1);
  }
}

/** Lists of one capacity, slot after slot, in two typed arrays that double when full. */
class Slab {
  neighbours: Int32Array;
  weights: Float64Array;
  private slots = 0;
  private readonly free: number[] = [];

  constructor(readonly capacity: number) {
    this.neighbours = new Int32Array(capacity * 64);
    this.weights = new Float64Array(capacity * 64);
  }

  allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    const slot = this.slots++;
    this.neighbours = grownToHold(this.neighbours, this.slots * this.capacity);
    this.weights = grownToHold(this.weights, this.slots * this.capacity);
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }
}
