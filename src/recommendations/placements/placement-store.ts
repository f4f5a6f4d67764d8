import type { Placement } from './placement.js';

/**
 * Where placements are kept: the named placements' overrides and the custom placements, one versioned
 * document each (the named defaults are in the code). Asynchronous for the PostgreSQL adapter. `save`
 * is a compare-and-set on the version, so two merchandisers cannot silently overwrite each other.
 */
export interface PlacementStore {
  get(id: string): Promise<Placement | undefined>;
  /** Every stored placement, by id. */
  list(): Promise<Placement[]>;
  /**
   * Stores the placement if the stored version is `expectedVersion` (undefined: it must not be stored yet).
   * Returns false, storing nothing, when the stored version is another.
   */
  save(placement: Placement, expectedVersion: number | undefined): Promise<boolean>;
  /** Removes the placement; false when there was none. */
  delete(id: string): Promise<boolean>;
}
