/**
 * Item ids interned to dense integers: the session models index arrays by them, which is several
 * times faster than string-keyed maps on the predict path, and an id is stored once however many
 * sessions hold it.
 *
 * @example
 * const ids = new ItemIds();
 * ids.intern('P1'); // → 0
 * ids.find('P1'); // → 0
 * ids.name(0); // → 'P1'
 */
export class ItemIds {
  private readonly byName = new Map<string, number>();
  private readonly names: string[] = [];

  get size(): number {
    return this.names.length;
  }

  intern(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.byName.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /** The id of an item seen before, else undefined (a query never grows the table). */
  find(name: string): number | undefined {
    return this.byName.get(name);
  }

  name(id: number): string {
    return this.names[id]!;
  }
}
