import type { ProfileState } from './profile-state.js';
import type { ProfileStore } from './profile-store.js';

/**
 * Profile states as every reader sees them: the states the writer changed and has not flushed yet,
 * held in memory, over those in the store (docs/architecture.md, "Profile states written behind the
 * log"). The single writer (IngestionPipeline) holds a state once its events are committed and
 * flushes held states in rounds; its own writes (a flush, a merge's survivor) go through to the store
 * inside its transaction. Readers get copies, so no reader can change what the writer will save.
 */
export class WriteBehindProfileStore implements ProfileStore {
  private readonly held = new Map<string, ProfileState>();
  /** Held profiles that have never been saved: the store's count does not include them yet. */
  private readonly unsaved = new Set<string>();

  constructor(private readonly store: ProfileStore) {}

  get heldCount(): number {
    return this.held.size;
  }

  /** The held state itself, for the writer that owns it. */
  peek(profileId: string): ProfileState | undefined {
    return this.held.get(profileId);
  }

  /** A committed change of the writer's, to be saved by a later flush; `isNew` when the store has never had it. */
  hold(state: ProfileState, isNew: boolean): void {
    this.held.set(state.id, state);
    if (isNew) this.unsaved.add(state.id);
  }

  /** The ids held now, oldest first: one flush round's work. */
  heldIds(): string[] {
    return [...this.held.keys()];
  }

  /** These states were saved by a committed flush: the store's copies are current (the writer holds a state again when it next changes it). */
  released(states: readonly ProfileState[]): void {
    for (const state of states) this.forget(state.id);
  }

  /** Drops a held state without touching the store: the store's copy, if any, is the current one again. */
  forget(profileId: string): void {
    this.held.delete(profileId);
    this.unsaved.delete(profileId);
  }

  /** The store's copies only, held states aside (folding the log onto them again). */
  loadSaved(profileIds: string[]): Promise<Map<string, ProfileState>> {
    return this.store.load(profileIds);
  }

  async load(profileIds: string[]): Promise<Map<string, ProfileState>> {
    const found = new Map<string, ProfileState>();
    const rest: string[] = [];
    for (const id of profileIds) {
      const state = this.held.get(id);
      if (state) found.set(id, structuredClone(state));
      else rest.push(id);
    }
    if (rest.length === 0) return found;
    for (const [id, state] of await this.store.load(rest)) found.set(id, state);
    return found;
  }

  /** Through to the store, in the caller's transaction. */
  async save(states: ProfileState[]): Promise<void> {
    await this.store.save(states);
  }

  /** Erasure or a merge: the held states go too, so no flush can bring a deleted profile back. */
  async delete(profileIds: string[]): Promise<void> {
    for (const id of profileIds) this.forget(id);
    await this.store.delete(profileIds);
  }

  async count(): Promise<number> {
    return (await this.store.count()) + this.unsaved.size;
  }

  /**
   * The store's page with held states in place of saved ones, and the never-saved held profiles that
   * fall inside it; a full page ends at the store page's last id, so the next page goes on from there.
   */
  async scan(afterId: string | undefined, limit: number): Promise<ProfileState[]> {
    const page = await this.store.scan(afterId, limit);
    const upTo = page.length === limit ? page[page.length - 1]!.id : undefined;
    const merged = page.map((state) => {
      const held = this.held.get(state.id);
      return held ? structuredClone(held) : state;
    });
    for (const id of this.unsaved) {
      if ((afterId === undefined || id > afterId) && (upTo === undefined || id < upTo)) merged.push(structuredClone(this.held.get(id)!));
    }
    if (merged.length === page.length) return merged;
    return merged.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
  }

  savedThrough(): Promise<number> {
    return this.store.savedThrough();
  }

  markSavedThrough(seq: number): Promise<void> {
    return this.store.markSavedThrough(seq);
  }
}
