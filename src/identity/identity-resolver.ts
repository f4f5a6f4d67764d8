import { LRUCache } from 'lru-cache';
import type { KairosEvent } from '../ingestion/kairos-event.js';
import { extractIdentifiers, identifierKey, identifierStrength, normalizeIdentifier, type Identifier } from './identifiers.js';
import type { IdentityStore } from './identity-store.js';
import type { IdentityRecord, MergeRecord, RefusalRecord } from './identity-types.js';

export interface IdentityResolverOptions {
  /** An identifier that has already joined this many profiles is not merged on (userId excepted). */
  maxProfilesPerIdentifier: number;
  /** Normalised values that never identify anyone ("null", test@test.com, …). */
  blockedValues: Iterable<string>;
  cacheSize: number;
  newProfileId: () => string;
}

/** What one batch did to the identity graph, to be committed with the batch. */
export interface IdentityChanges {
  records: IdentityRecord[];
  merges: MergeRecord[];
  refusals: RefusalRecord[];
  /** Profiles merged into others during the batch: merged id → surviving id (already resolved to the root). */
  mergedInto: Map<string, string>;
  createdProfiles: Set<string>;
}

export interface BatchResolution {
  /** The profile of each event, in the order given, after every merge of the batch. */
  profileIds: string[];
  changes: IdentityChanges;
}

interface KeyState {
  identifier: Identifier;
  key: string;
  record: IdentityRecord;
}

/**
 * Resolves the identifiers of a batch of events to profiles, creating profiles for new visitors and
 * merging profiles that an event proves to be one person — unless a guard says the link is unsafe:
 * blocked placeholder values, an identifier already shared by too many profiles (a store tablet),
 * or two different userIds. Refusals are recorded so a profile can explain itself.
 *
 * The resolver is owned by the single ingestion writer; its cache is coherent because every change
 * to the graph passes through it (erasure calls `forgetProfile`).
 */
export class IdentityResolver {
  private readonly cache: LRUCache<string, IdentityRecord>;
  /** merged profile id → the id it was merged into. Cached records may still name a merged id. */
  private readonly forwarding = new Map<string, string>();
  private readonly blocked: Set<string>;
  private batch!: { working: Map<string, IdentityRecord>; changes: IdentityChanges; recordedRefusals: Set<string> };

  constructor(
    private readonly store: IdentityStore,
    private readonly options: IdentityResolverOptions,
  ) {
    this.cache = new LRUCache({ max: options.cacheSize });
    this.blocked = new Set([...options.blockedValues].map((value) => value.toLowerCase()));
  }

  async resolveBatch(events: KairosEvent[]): Promise<BatchResolution> {
    this.batch = {
      working: new Map(),
      changes: { records: [], merges: [], refusals: [], mergedInto: new Map(), createdProfiles: new Set() },
      recordedRefusals: new Set(),
    };
    const identifiersPerEvent = events.map((event) => this.identifiersOf(event));
    await this.prefetch(identifiersPerEvent);
    const profileIds: string[] = [];
    for (let i = 0; i < events.length; i++) {
      profileIds.push(await this.resolveEvent(events[i]!, identifiersPerEvent[i]!));
    }
    const changes = this.batch.changes;
    for (let i = 0; i < profileIds.length; i++) profileIds[i] = this.find(profileIds[i]!);
    for (const [merged, survivor] of changes.mergedInto) changes.mergedInto.set(merged, this.find(survivor));
    for (const record of this.batch.working.values()) record.profileId = this.find(record.profileId);
    changes.records = [...this.batch.working.values()];
    return { profileIds, changes };
  }

  /** After the batch committed, its records become the cache's. After a failed commit, forget them. */
  settleBatch(committed: boolean): void {
    if (committed) {
      for (const record of this.batch.working.values()) this.cache.set(identifierKey(record), record);
    } else {
      for (const key of this.batch.working.keys()) this.cache.delete(key);
      for (const merged of this.batch.changes.mergedInto.keys()) this.forwarding.delete(merged);
    }
  }

  /** The profile id a possibly merged id now lives under. */
  find(profileId: string): string {
    let current = profileId;
    for (let next = this.forwarding.get(current); next !== undefined; next = this.forwarding.get(current)) current = next;
    return current;
  }

  /** The current profile of an identifier, if any (through the cache). */
  async profileOf(identifier: Identifier): Promise<string | undefined> {
    const key = identifierKey(identifier);
    const cached = this.cache.get(key);
    if (cached) return this.find(cached.profileId);
    const found = await this.store.profileIdOf(identifier);
    return found === undefined ? undefined : this.find(found);
  }

  /** Erasure: drop every cached trace of a profile. */
  forgetProfile(profileId: string, identifiers: IdentityRecord[]): void {
    for (const record of identifiers) this.cache.delete(identifierKey(record));
    for (const [merged, survivor] of this.forwarding) if (survivor === profileId) this.forwarding.delete(merged);
  }

  private identifiersOf(event: KairosEvent): { usable: Identifier[]; blocked: Identifier[]; previousId?: string } {
    const usable: Identifier[] = [];
    const blocked: Identifier[] = [];
    for (const identifier of extractIdentifiers(event)) {
      (this.blocked.has(identifier.value.toLowerCase()) ? blocked : usable).push(identifier);
    }
    const previousId = event.type === 'alias' ? normalizeIdentifier('anonymousId', event.previousId) : undefined;
    return previousId === undefined || this.blocked.has(previousId.toLowerCase()) ? { usable, blocked } : { usable, blocked, previousId };
  }

  private async prefetch(perEvent: Array<{ usable: Identifier[]; previousId?: string }>): Promise<void> {
    const missing = new Set<string>();
    for (const { usable, previousId } of perEvent) {
      for (const identifier of usable) {
        const key = identifierKey(identifier);
        if (this.cache.get(key) === undefined) missing.add(key);
      }
      if (previousId !== undefined) {
        for (const key of [`userId:${previousId}`, `anonymousId:${previousId}`]) if (this.cache.get(key) === undefined) missing.add(key);
      }
    }
    if (missing.size === 0) return;
    const found = await this.store.lookup([...missing]);
    for (const [key, record] of found) this.cache.set(key, record);
  }

  private get(key: string): IdentityRecord | undefined {
    return this.batch.working.get(key) ?? this.cache.get(key);
  }

  /** The record, copied into the batch's working set so changes stay uncommitted until the batch commits. */
  private touch(key: string, record: IdentityRecord): IdentityRecord {
    let working = this.batch.working.get(key);
    if (!working) {
      working = { ...record };
      this.batch.working.set(key, working);
    }
    return working;
  }

  private async resolveEvent(event: KairosEvent, ids: { usable: Identifier[]; blocked: Identifier[]; previousId?: string }): Promise<string> {
    const identifiers = [...ids.usable];
    if (ids.previousId !== undefined) {
      const previousType = this.get(`userId:${ids.previousId}`) ? 'userId' : 'anonymousId';
      if (!identifiers.some((id) => id.type === previousType && id.value === ids.previousId)) {
        identifiers.push({ type: previousType, value: ids.previousId });
      }
    }
    const known: KeyState[] = [];
    const unknown: Identifier[] = [];
    for (const identifier of identifiers) {
      const key = identifierKey(identifier);
      const record = this.get(key);
      if (record) known.push({ identifier, key, record });
      else unknown.push(identifier);
    }

    const usable = known.filter((state) => !this.isShared(state.record));
    const deciding = usable.length > 0 ? usable : known;
    const profiles = new Set(deciding.map((state) => this.find(state.record.profileId)));

    let target: string;
    if (profiles.size === 0) {
      target = this.options.newProfileId();
      this.batch.changes.createdProfiles.add(target);
    } else if (profiles.size === 1) {
      target = [...profiles][0]!;
    } else {
      target = await this.mergeAll(event, deciding, profiles);
    }
    target = await this.separateNewUserId(event, target, unknown, deciding);

    for (const state of known) {
      if (this.isShared(state.record) && this.find(state.record.profileId) !== target) {
        await this.refuse({ profileId: target, otherProfileId: this.find(state.record.profileId), identifier: state.identifier, reason: 'shared_identifier', event });
      }
    }
    for (const identifier of unknown) {
      const key = identifierKey(identifier);
      this.batch.working.set(key, {
        type: identifier.type,
        value: identifier.value,
        profileId: target,
        firstSeenAt: event.timestamp,
        sourceMessageId: event.messageId,
        profilesJoined: 1,
      });
    }
    for (const identifier of ids.blocked) {
      await this.refuse({ profileId: target, identifier, reason: 'blocked_value', event });
    }
    return target;
  }

  private async mergeAll(event: KairosEvent, deciding: KeyState[], profiles: Set<string>): Promise<string> {
    const strongestFirst = [...deciding].sort(
      (a, b) => identifierStrength(b.identifier.type) - identifierStrength(a.identifier.type) || a.record.firstSeenAt - b.record.firstSeenAt,
    );
    const target = this.find(strongestFirst[0]!.record.profileId);
    const bridge = strongestFirst.find((state) => this.find(state.record.profileId) === target)!;
    const explicitAlias = event.type === 'alias';
    const targetUserIds = await this.userIdsOf(target);
    for (const other of profiles) {
      if (other === target) continue;
      const joining = strongestFirst.find((state) => this.find(state.record.profileId) === other)!;
      const otherUserIds = await this.userIdsOf(other);
      const conflict = !explicitAlias && targetUserIds.size > 0 && otherUserIds.size > 0 && ![...otherUserIds].some((id) => targetUserIds.has(id));
      if (conflict) {
        this.bump(joining);
        await this.refuse({ profileId: target, otherProfileId: other, identifier: joining.identifier, reason: 'conflicting_user_id', event });
        continue;
      }
      this.forwarding.set(other, target);
      this.batch.changes.mergedInto.set(other, target);
      this.batch.changes.createdProfiles.delete(other);
      this.batch.changes.merges.push({
        survivorId: target,
        mergedId: other,
        identifierType: joining.identifier.type,
        identifierValue: joining.identifier.value,
        messageId: event.messageId,
        at: event.timestamp,
      });
      for (const id of otherUserIds) targetUserIds.add(id);
      if (bridge.identifier.type !== 'userId') this.bump(bridge);
    }
    return target;
  }

  /**
   * A userId seen for the first time, on an event whose other identifiers belong to a profile that
   * already has a different userId (a shared kiosk, a family tablet): a different person. The event
   * starts a new profile for that userId and the link is refused.
   */
  private async separateNewUserId(event: KairosEvent, target: string, unknown: Identifier[], deciding: KeyState[]): Promise<string> {
    if (event.type === 'alias' || this.batch.changes.createdProfiles.has(target)) return target;
    const newUserId = unknown.find((identifier) => identifier.type === 'userId');
    if (newUserId === undefined) return target;
    const existing = await this.userIdsOf(target);
    if (existing.size === 0) return target;
    const separate = this.options.newProfileId();
    this.batch.changes.createdProfiles.add(separate);
    for (const state of deciding) {
      if (this.find(state.record.profileId) !== target) continue;
      this.bump(state);
      await this.refuse({ profileId: separate, otherProfileId: target, identifier: state.identifier, reason: 'conflicting_user_id', event });
    }
    return separate;
  }

  private isShared(record: IdentityRecord): boolean {
    return record.type !== 'userId' && record.profilesJoined >= this.options.maxProfilesPerIdentifier;
  }

  private bump(state: KeyState): void {
    const working = this.touch(state.key, state.record);
    working.profilesJoined += 1;
    state.record = working;
  }

  /** userIds of a profile: committed ones from the store, plus this batch's, through merges. */
  private async userIdsOf(profileId: string): Promise<Set<string>> {
    const userIds = new Set<string>();
    const stored = await this.store.identitiesOf(profileId);
    for (const record of stored) if (record.type === 'userId') userIds.add(record.value);
    for (const [merged, survivor] of this.forwarding) {
      if (survivor === profileId && this.batch.changes.mergedInto.has(merged)) {
        for (const record of await this.store.identitiesOf(merged)) if (record.type === 'userId') userIds.add(record.value);
      }
    }
    for (const record of this.batch.working.values()) {
      if (record.type === 'userId' && this.find(record.profileId) === profileId) userIds.add(record.value);
    }
    return userIds;
  }

  private async refuse(refusal: { profileId: string; otherProfileId?: string; identifier: Identifier; reason: RefusalRecord['reason']; event: KairosEvent }): Promise<void> {
    const dedupeKey = `${refusal.profileId}|${refusal.reason}|${identifierKey(refusal.identifier)}`;
    if (this.batch.recordedRefusals.has(dedupeKey)) return;
    this.batch.recordedRefusals.add(dedupeKey);
    const record: RefusalRecord = {
      profileId: refusal.profileId,
      identifierType: refusal.identifier.type,
      identifierValue: refusal.identifier.value,
      reason: refusal.reason,
      messageId: refusal.event.messageId,
      at: refusal.event.timestamp,
    };
    if (refusal.otherProfileId !== undefined) record.otherProfileId = refusal.otherProfileId;
    if (!this.batch.changes.createdProfiles.has(refusal.profileId) && (await this.store.hasRefusal(record))) return;
    this.batch.changes.refusals.push(record);
  }
}
