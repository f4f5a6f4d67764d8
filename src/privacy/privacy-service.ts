import type { EventStore } from '../ingestion/event-store.js';
import type { IngestionPipeline } from '../ingestion/ingestion-pipeline.js';
import type { IngestionService } from '../ingestion/ingestion-service.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import type { IdentityResolver } from '../identity/identity-resolver.js';
import type { IdentityStore } from '../identity/identity-store.js';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { CONSENT_UPDATED_EVENT } from '../profiles/consent-from-event.js';
import type { ConsentPurpose, ProfileState } from '../profiles/profile-state.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { StoreMaintenance } from '../storage/store-maintenance.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';

export interface PrivacyDeps {
  profileService: ProfileService;
  profiles: ProfileStore;
  identities: IdentityStore;
  events: EventStore;
  outbox: Pick<OutboxStore, 'deleteProfile'>;
  resolver: IdentityResolver;
  pipeline: IngestionPipeline;
  ingestion: IngestionService;
  transactions: TransactionRunner;
  maintenance: StoreMaintenance;
  clock: Clock;
}

const EXPORT_PAGE = 5000;

/** Consent, erasure (right to be forgotten) and export (right of access). */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  /**
   * Consent is written to the event log as a Consent Updated event, so it is part of the history,
   * survives merges and is rebuilt with the rest of the profile.
   */
  async setConsent(identifier: string, purposes: Partial<Record<ConsentPurpose, boolean>>): Promise<ProfileState['consent']> {
    const profileId = await this.deps.profileService.resolveProfileId(identifier);
    const identities = await this.deps.identities.identitiesOf(profileId);
    const anchor = identities.find((record) => record.type === 'userId') ?? identities.find((record) => record.type === 'anonymousId');
    if (!anchor) throw Errors.profileNotFound(identifier);
    const outcome = await this.deps.ingestion.ingest([
      {
        type: 'track',
        event: CONSENT_UPDATED_EVENT,
        [anchor.type]: anchor.value,
        properties: purposes,
        context: { channel: 'web', library: { name: 'kairos-consent-api' } },
      },
    ]);
    if (outcome.rejected.length > 0) throw Errors.invalidRequest(outcome.rejected);
    const state = (await this.deps.profiles.load([profileId])).get(profileId);
    return state?.consent ?? {};
  }

  /** Erases the profile, its identities, merges, refusals, every event and its outbox messages; nothing of it stays on disk. */
  async erase(identifier: string): Promise<{ profileId: string; eventsDeleted: number; identitiesDeleted: number }> {
    const { pipeline, transactions, identities, events, outbox, profiles, resolver, maintenance } = this.deps;
    return pipeline.exclusive(async () => {
      const profileId = await this.deps.profileService.resolveProfileId(identifier);
      const known = await identities.identitiesOf(profileId);
      const eventsDeleted = await transactions.run(async () => {
        const deleted = await events.deleteProfile(profileId);
        await identities.deleteProfile(profileId);
        await outbox.deleteProfile(profileId);
        await profiles.delete([profileId]);
        return deleted;
      });
      resolver.forgetProfile(profileId, known);
      pipeline.evictProfile(profileId);
      await maintenance.purgeDeletedData();
      return { profileId, eventsDeleted, identitiesDeleted: known.length };
    });
  }

  /** Everything stored about the person. */
  async export(identifier: string) {
    const profile = await this.deps.profileService.getProfile(identifier);
    const history: StoredEvent[] = [];
    for (;;) {
      const last = history[history.length - 1];
      const page = await this.deps.events.history(profile.id, last ? { after: last, limit: EXPORT_PAGE } : { limit: EXPORT_PAGE });
      history.push(...page);
      if (page.length < EXPORT_PAGE) break;
    }
    const { latestEvents: _latest, ...rest } = profile;
    return { exportedAt: new Date(this.deps.clock.now()).toISOString(), profile: rest, events: history };
  }
}
