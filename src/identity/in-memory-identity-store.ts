import { identifierKey, type Identifier } from './identifiers.js';
import type { IdentityStore } from './identity-store.js';
import type { IdentityRecord, MergeRecord, RefusalRecord } from './identity-types.js';

/**
 * An IdentityStore in maps and lists, for tests of code that uses the identity graph. It passes the
 * same contract as the SQLite adapter but has no transactions: a rolled-back unit of work keeps its
 * writes here.
 */
export class InMemoryIdentityStore implements IdentityStore {
  /** `type:value` → record. A type has no colon, so the key splits at its first one. */
  private readonly identities = new Map<string, IdentityRecord>();
  /** In the order recorded, which breaks ties on `at`. */
  private merges: MergeRecord[] = [];
  private refusals: RefusalRecord[] = [];

  async lookup(keys: string[]): Promise<Map<string, IdentityRecord>> {
    const found = new Map<string, IdentityRecord>();
    for (const key of keys) {
      const record = this.identities.get(key);
      if (record) found.set(key, { ...record });
    }
    return found;
  }

  async profileIdOf(identifier: Identifier): Promise<string | undefined> {
    return this.identities.get(identifierKey(identifier))?.profileId;
  }

  async save(records: IdentityRecord[]): Promise<void> {
    for (const record of records) {
      const key = identifierKey(record);
      const existing = this.identities.get(key);
      // An update changes the owner and the join count only: when and where the identifier was first seen stays.
      this.identities.set(key, existing ? { ...existing, profileId: record.profileId, profilesJoined: record.profilesJoined } : { ...record });
    }
  }

  async reassign(fromProfileId: string, toProfileId: string): Promise<void> {
    for (const record of this.identities.values()) {
      if (record.profileId === fromProfileId) record.profileId = toProfileId;
    }
  }

  async identitiesOf(profileId: string): Promise<IdentityRecord[]> {
    return [...this.identities.values()]
      .filter((record) => record.profileId === profileId)
      .sort((a, b) => a.firstSeenAt - b.firstSeenAt || compare(a.type, b.type) || compare(a.value, b.value))
      .map((record) => ({ ...record }));
  }

  async recordMerges(merges: MergeRecord[]): Promise<void> {
    for (const merge of merges) this.merges.push({ ...merge });
  }

  async recordRefusals(refusals: RefusalRecord[]): Promise<void> {
    for (const refusal of refusals) this.refusals.push(withoutAbsentOther(refusal));
  }

  async hasRefusal(refusal: Pick<RefusalRecord, 'profileId' | 'identifierType' | 'identifierValue' | 'reason'>): Promise<boolean> {
    return this.refusals.some(
      (stored) =>
        stored.profileId === refusal.profileId &&
        stored.identifierType === refusal.identifierType &&
        stored.identifierValue === refusal.identifierValue &&
        stored.reason === refusal.reason,
    );
  }

  async mergesOf(profileId: string): Promise<MergeRecord[]> {
    return this.merges
      .filter((merge) => merge.survivorId === profileId)
      .sort((a, b) => a.at - b.at)
      .map((merge) => ({ ...merge }));
  }

  async refusalsOf(profileId: string): Promise<RefusalRecord[]> {
    return this.refusals
      .filter((refusal) => refusal.profileId === profileId || refusal.otherProfileId === profileId)
      .sort((a, b) => a.at - b.at)
      .map((refusal) => ({ ...refusal }));
  }

  async deleteProfile(profileId: string): Promise<void> {
    for (const [key, record] of this.identities) {
      if (record.profileId === profileId) this.identities.delete(key);
    }
    this.merges = this.merges.filter((merge) => merge.survivorId !== profileId && merge.mergedId !== profileId);
    this.refusals = this.refusals.filter((refusal) => refusal.profileId !== profileId && refusal.otherProfileId !== profileId);
  }
}

/** Code-unit order: SQLite compares text bytewise, which is the same order for the ASCII identifier types. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutAbsentOther(refusal: RefusalRecord): RefusalRecord {
  const { otherProfileId, ...rest } = refusal;
  return otherProfileId === undefined ? rest : { ...rest, otherProfileId };
}
