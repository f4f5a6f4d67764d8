import { grownToHold } from './typed-arrays.js';

/**
 * Interns item ids to dense integers, so the recommendation models keep their counts in typed arrays
 * and integer-keyed maps: a 200k-item catalog then costs megabytes, not the hundreds a string-keyed
 * map per item would.
 */
export class ItemIds {
  private readonly indexById = new Map<string, number>();
  private readonly ids: string[] = [];

  /** The item's index, assigning the next one to an item not seen before. */
  intern(id: string): number {
    let index = this.indexById.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.indexById.set(id, index);
      this.ids.push(id);
    }
    return index;
  }

  /** The item's index, or undefined for an item never seen. */
  find(id: string): number | undefined {
    return this.indexById.get(id);
  }

  idOf(index: number): string {
    const id = this.ids[index];
    if (id === undefined) throw new RangeError(`no item has index ${index}`);
    return id;
  }

  get size(): number {
    return this.ids.length;
  }
}

/** A Float64Array that grows (doubling) as items are interned. */
export class GrowableCounts {
  private values = new Float64Array(1024);

  get(index: number): number {
    return index < this.values.length ? this.values[index]! : 0;
  }

  add(index: number, amount: number): void {
    this.ensure(index);
    this.values[index]! += amount;
  }

  set(index: number, value: number): void {
    this.ensure(index);
    this.values[index] = value;
  }

  /** Multiplies every value (a forward-decay landmark moving). */
  scale(factor: number): void {
    for (let i = 0; i < this.values.length; i++) this.values[i]! *= factor;
  }

  private ensure(index: number): void {
    this.values = grownToHold(this.values, index + 1);
  }
}
