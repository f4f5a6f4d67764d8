import type { EventStore, HistoryCursor } from '../ingestion/event-store.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { IDENTIFIER_TYPES, normalizeIdentifier, type IdentifierType } from '../identity/identifiers.js';
import type { IdentityResolver } from '../identity/identity-resolver.js';
import type { IdentityStore } from '../identity/identity-store.js';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { ProfileState } from './profile-state.js';
import type { ProfileStore } from './profile-store.js';
import { describeProfile, type ProfileView } from './profile-view.js';

const LATEST_EVENTS = 20;

export interface EventPage {
  events: StoredEvent[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export class ProfileService {
  constructor(
    private readonly deps: {
      profiles: ProfileStore;
      identities: IdentityStore;
      events: EventStore;
      resolver: IdentityResolver;
      clock: Clock;
      /** The writer's latest state of a profile, when it holds one (IngestionPipeline.cachedProfile). */
      recentStates?: (profileId: string) => Readonly<ProfileState> | undefined;
    },
  ) {}

  /**
   * Finds a profile by any identifier: its id, `type:value` (email:sarah@example.com), or a bare value
   * tried as userId, anonymousId, email, phone, loyaltyId and deviceId in that order.
   */
  async resolveProfileId(identifier: string): Promise<string> {
    const trimmed = identifier.trim();
    if ((await this.deps.profiles.load([trimmed])).has(trimmed)) return trimmed;
    const colon = trimmed.indexOf(':');
    const prefix = colon > 0 ? trimmed.slice(0, colon) : '';
    const candidates: Array<[IdentifierType, string]> = (IDENTIFIER_TYPES as readonly string[]).includes(prefix)
      ? [[prefix as IdentifierType, trimmed.slice(colon + 1)]]
      : IDENTIFIER_TYPES.map((type) => [type, trimmed]);
    for (const [type, raw] of candidates) {
      const value = normalizeIdentifier(type, raw);
      if (value === undefined) continue;
      const profileId = await this.deps.resolver.profileOf({ type, value });
      if (profileId !== undefined) return profileId;
    }
    throw Errors.profileNotFound(identifier);
  }

  /** The state of the profile the first known identifier belongs to (e.g. userId, then anonymousId); undefined for a stranger. */
  async findState(identifiers: Array<{ type: IdentifierType; value: string }>): Promise<ProfileState | undefined> {
    for (const { type, value } of identifiers) {
      const normalized = normalizeIdentifier(type, value);
      const profileId = normalized === undefined ? undefined : await this.deps.resolver.profileOf({ type, value: normalized });
      if (profileId === undefined) continue;
      // A shopper deciding now has usually just sent an event: the writer holds their state.
      return (this.deps.recentStates?.(profileId) as ProfileState | undefined) ?? (await this.deps.profiles.load([profileId])).get(profileId);
    }
    return undefined;
  }

  async getProfile(identifier: string): Promise<ProfileView> {
    const profileId = await this.resolveProfileId(identifier);
    const state = (await this.deps.profiles.load([profileId])).get(profileId);
    if (!state) throw Errors.profileNotFound(identifier);
    const [identities, merges, refusals, latestEvents] = await Promise.all([
      this.deps.identities.identitiesOf(profileId),
      this.deps.identities.mergesOf(profileId),
      this.deps.identities.refusalsOf(profileId),
      this.deps.events.latest(profileId, LATEST_EVENTS),
    ]);
    return describeProfile(state, this.deps.clock.now(), { identities, merges, refusals, latestEvents });
  }

  /** The whole history, oldest first, a page at a time, across channels and devices. */
  async events(identifier: string, options: { after?: string; limit: number }): Promise<EventPage> {
    const profileId = await this.resolveProfileId(identifier);
    const after = options.after === undefined ? undefined : decodeCursor(options.after);
    const events = await this.deps.events.history(profileId, after ? { after, limit: options.limit } : { limit: options.limit });
    const last = events[events.length - 1];
    return { events, next: events.length === options.limit && last ? encodeCursor(last) : null };
  }
}

function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.timestamp}.${cursor.seq}`).toString('base64url');
}

function decodeCursor(raw: string): HistoryCursor {
  const [timestamp, seq] = Buffer.from(raw, 'base64url').toString().split('.').map(Number);
  if (!Number.isInteger(timestamp) || !Number.isInteger(seq)) {
    throw Errors.invalidRequest([{ field: 'after', problem: 'is not a cursor returned by this endpoint' }]);
  }
  return { timestamp: timestamp!, seq: seq! };
}
