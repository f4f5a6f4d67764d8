import type { Clock } from '../../shared/clock.js';
import { Errors } from '../../shared/errors.js';
import { DEFAULT_PLACEMENTS, NAMED_PLACEMENT_IDS, isNamedPlacement } from './default-placements.js';
import type { Placement, PlacementInput } from './placement.js';
import { placementDefinitionOf } from './placement-input.js';
import type { PlacementStore } from './placement-store.js';
import { checkPlacement } from './placement-validation.js';

/**
 * Placements as data. The seven named placements always exist: the store holds only their overrides,
 * so one that was never changed follows the documented default even when a release changes it, and a
 * DELETE restores it. Any other id is a custom placement, created by its first PUT. Every placement is
 * checked before it is stored; edits are compare-and-set on the version (409 when someone saved first).
 */
export class PlacementService {
  constructor(private readonly deps: { store: PlacementStore; clock: Clock }) {}

  /** The named placements in their documented order, then the custom ones by id. */
  async list(): Promise<Placement[]> {
    const stored = await this.deps.store.list();
    const overrides = new Map(stored.map((placement) => [placement.id, placement]));
    return [...NAMED_PLACEMENT_IDS.map((id) => overrides.get(id) ?? defaultPlacement(id)), ...stored.filter((placement) => !isNamedPlacement(placement.id))];
  }

  async get(id: string): Promise<Placement> {
    const placement = await this.find(id);
    if (placement === undefined) throw Errors.placementNotFound(id, (await this.list()).map((known) => known.id));
    return placement;
  }

  /** Creates or replaces a placement; `created` is true for a new custom placement. */
  async put(id: string, input: PlacementInput): Promise<{ placement: Placement; created: boolean }> {
    const current = await this.find(id);
    if (input.version !== undefined && input.version !== current?.version) {
      throw Errors.conflict(
        'version',
        current === undefined
          ? `placement ${id} does not exist, so there is no version ${input.version} to replace; leave version out to create it`
          : `the placement is at version ${current.version}, not ${input.version}; reload it and apply your change again`,
      );
    }
    const definition = placementDefinitionOf(input);
    checkPlacement(definition);
    const placement: Placement = { id, ...definition, version: (current?.version ?? 0) + 1, updatedAt: this.deps.clock.now() };
    // Version 0 is a default, which is not stored: the override must not be stored yet either.
    const storedVersion = current === undefined || current.version === 0 ? undefined : current.version;
    if (!(await this.deps.store.save(placement, storedVersion))) {
      throw Errors.conflict('version', 'the placement was changed by someone else meanwhile; reload it and apply your change again');
    }
    return { placement, created: current === undefined };
  }

  /** A named placement goes back to its default (whether or not it was overridden); a custom one is removed. */
  async delete(id: string): Promise<void> {
    const deleted = await this.deps.store.delete(id);
    if (!deleted && !isNamedPlacement(id)) throw Errors.placementNotFound(id, (await this.list()).map((known) => known.id));
  }

  private async find(id: string): Promise<Placement | undefined> {
    return (await this.deps.store.get(id)) ?? (isNamedPlacement(id) ? defaultPlacement(id) : undefined);
  }
}

/** A copy, so a caller changing what it was given cannot change the defaults of everyone else. */
function defaultPlacement(id: keyof typeof DEFAULT_PLACEMENTS): Placement {
  return { id, ...structuredClone(DEFAULT_PLACEMENTS[id]), version: 0, updatedAt: null };
}
