import type { ProfileState } from './profile-state.js';
import type { ProfileStore } from './profile-store.js';

/**
 * A ProfileStore in a map, for tests of code that uses profiles. It passes the same contract as the
 * SQLite adapter but has no transactions: a rolled-back unit of work keeps its writes here.
 */
export class InMemoryProfileStore implements ProfileStore {
  private readonly profiles = new Map<string, ProfileState>();
  private savedThroughSeq = 0;

  async load(profileIds: string[]): Promise<Map<string, ProfileState>> {
    const found = new Map<string, ProfileState>();
    for (const id of profileIds) {
      const state = this.profiles.get(id);
      // Copies, as the SQLite adapter's JSON round trip gives: callers mutate states freely while folding events.
      if (state) found.set(id, structuredClone(state));
    }
    return found;
  }

  async save(states: ProfileState[]): Promise<void> {
    for (const state of states) this.profiles.set(state.id, structuredClone(state));
  }

  async delete(profileIds: string[]): Promise<void> {
    for (const id of profileIds) this.profiles.delete(id);
  }

  async scan(afterId: string | undefined, limit: number): Promise<ProfileState[]> {
    return [...this.profiles.keys()]
      .filter((id) => afterId === undefined || id > afterId)
      .sort()
      .slice(0, limit)
      .map((id) => structuredClone(this.profiles.get(id)!));
  }

  async count(): Promise<number> {
    return this.profiles.size;
  }

  async savedThrough(): Promise<number> {
    return this.savedThroughSeq;
  }

  async markSavedThrough(seq: number): Promise<void> {
    this.savedThroughSeq = seq;
  }
}
