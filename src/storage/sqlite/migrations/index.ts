import { initialSchema } from './0001-initial-schema.js';
import { profilesRowidTable } from './0002-profiles-rowid-table.js';
import { campaigns } from './0003-campaigns.js';
import { outbox } from './0004-outbox.js';
import { storesAndTriggerTimers } from './0005-stores-and-trigger-timers.js';
import { coupons } from './0006-coupons.js';
import { campaignResults } from './0007-campaign-results.js';
import { modelVersions } from './0008-model-versions.js';
import { bandits } from './0009-bandits.js';
import { placements } from './0010-placements.js';
import { searchVocabulary } from './0011-search-vocabulary.js';
import { profileCount } from './0012-profile-count.js';
import { profileNamesAsLists } from './0013-profile-names-as-lists.js';
import { profilesSavedThrough } from './0014-profiles-saved-through.js';
import { profileStateStructures } from './0015-profile-state-structures.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Append only. */
export const migrations: Migration[] = [initialSchema, profilesRowidTable, campaigns, outbox, storesAndTriggerTimers, coupons, campaignResults, modelVersions, bandits, placements, searchVocabulary, profileCount, profileNamesAsLists, profilesSavedThrough, profileStateStructures];
