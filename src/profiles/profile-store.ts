import type { ProfileState } from './profile-state.js';

/** Profiles as JSON documents keyed by profile id. */
export interface ProfileStore {
  load(profileIds: string[]): Promise<Map<string, ProfileState>>;
  save(states: ProfileState[]): Promise<void>;
  delete(profileIds: string[]): Promise<void>;
  count(): Promise<number>;
  /** Up to `limit` profiles with ids after `afterId`, in id order: a walk over every profile, page by page. */
  scan(afterId: string | undefined, limit: number): Promise<ProfileState[]>;
  /**
   * The log position (an event seq) through which every saved state is complete: states are written
   * behind the log (WriteBehindProfileStore), and a start after a crash folds the events after it.
   */
  savedThrough(): Promise<number>;
  markSavedThrough(seq: number): Promise<void>;
}
