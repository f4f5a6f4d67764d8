import type { Identifier } from './identifiers.js';
import type { IdentityRecord, MergeRecord, RefusalRecord } from './identity-types.js';

/** The identity graph: which identifier belongs to which profile, and the merges and refusals made. */
export interface IdentityStore {
  /** Records of the given `type:value` keys that exist, by key. */
  lookup(keys: string[]): Promise<Map<string, IdentityRecord>>;
  /** The profile one identifier belongs to, if any: the read a request makes, without the rest of the record. */
  profileIdOf(identifier: Identifier): Promise<string | undefined>;
  /** Inserts or updates (profile, profilesJoined) identity records. */
  save(records: IdentityRecord[]): Promise<void>;
  /** Moves every identity of one profile to another (a merge). */
  reassign(fromProfileId: string, toProfileId: string): Promise<void>;
  identitiesOf(profileId: string): Promise<IdentityRecord[]>;
  recordMerges(merges: MergeRecord[]): Promise<void>;
  recordRefusals(refusals: RefusalRecord[]): Promise<void>;
  hasRefusal(refusal: Pick<RefusalRecord, 'profileId' | 'identifierType' | 'identifierValue' | 'reason'>): Promise<boolean>;
  mergesOf(profileId: string): Promise<MergeRecord[]>;
  refusalsOf(profileId: string): Promise<RefusalRecord[]>;
  /** Erasure: every identity, merge and refusal that mentions the profile. */
  deleteProfile(profileId: string): Promise<void>;
}
