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
 *
 * Every recommendation request reads its placement, so they are read from the store once and kept,
 * frozen, until this service changes one (as the campaign registry keeps the active campaigns): a
 * store read and a JSON parse per request showed in the request's tail.
 */
export class PlacementService {
  private current: Promise<ReadonlyMap<string, Placement>> | undefined;

  constructor(private readonly deps: { store: PlacementStore; clock: Clock }) {}

  /** The named placements in their documented order, then the custom ones by id. */
  async list(): Promise<Placement[]> {
    return [...(await this.placements()).values()];
  }

  /** The placement as stored or defaulted; frozen, shared by every caller. */
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
    const saved = await this.deps.store.save(placement, storedVersion);
    this.current = undefined;
    if (!saved) throw Errors.conflict('version', 'the placement was changed by someone else meanwhile; reload it and apply your change again');
    return { placement, created: current === undefined };
  }

  /** A named placement goes back to its default (whether or not it was overridden); a custom one is removed. */
  async delete(id: string): Promise<void> {
    const deleted = await this.deps.store.delete(id);
    this.current = undefined;
    if (!deleted && !isNamedPlacement(id)) throw Errors.placementNotFound(id, (await this.list()).map((known) => known.id));
  }

  private async find(id: string): Promise<Placement | undefined> {
    return (await this.placements()).get(id);
  }

  /** Every placement by id, in listing order; loaded on first use after a change. */
  private placements(): Promise<ReadonlyMap<string, Placement>> {
    this.current ??= this.load();
    return this.current;
  }

  private async load(): Promise<ReadonlyMap<string, Placement>> {
    const stored = await this.deps.store.list();
    const overrides = new Map(stored.map((placement) => [placement.id, placement]));
    const ordered = [...NAMED_PLACEMENT_IDS.map((id) => overrides.get(id) ?? defaultPlacement(id)), ...stored.filter((placement) => !isNamedPlacement(placement.id))];
    return new Map(ordered.map((placement) => [placement.id, deepFreeze(placement)]));
  }
}

function defaultPlacement(id: keyof typeof DEFAULT_PLACEMENTS): Placement {
  return { id, ...structuredClone(DEFAULT_PLACEMENTS[id]), version: 0, updatedAt: null };
}

/** Frozen all the way down, so no caller can change the placement every other request reads. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
