import type { Placement } from './placement.js';
import type { PlacementStore } from './placement-store.js';

/** The PlacementStore of unit tests: the contract's behaviour over a Map, with copies in and out. */
export class InMemoryPlacementStore implements PlacementStore {
  private readonly placements = new Map<string, Placement>();

  async get(id: string): Promise<Placement | undefined> {
    const placement = this.placements.get(id);
    return placement && structuredClone(placement);
  }

  async list(): Promise<Placement[]> {
    return [...this.placements.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((placement) => structuredClone(placement));
  }

  async save(placement: Placement, expectedVersion: number | undefined): Promise<boolean> {
    if (this.placements.get(placement.id)?.version !== expectedVersion) return false;
    this.placements.set(placement.id, structuredClone(placement));
    return true;
  }

  async delete(id: string): Promise<boolean> {
    return this.placements.delete(id);
  }
}
