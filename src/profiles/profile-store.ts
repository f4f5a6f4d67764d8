import type { ProfileState } from './profile-state.js';

/** Profiles as JSON documents keyed by profile id. */
export interface ProfileStore {
  load(profileIds: string[]): Promise<Map<string, ProfileState>>;
  save(states: ProfileState[]): Promise<void>;
  delete(profileIds: string[]): Promise<void>;
  count(): Promise<number>;
}
