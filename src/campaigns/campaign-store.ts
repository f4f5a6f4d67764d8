import type { Campaign } from './campaign.js';

/**
 * Where campaigns are kept: one versioned document per campaign. Asynchronous for the PostgreSQL
 * adapter. `save` is a compare-and-set on the version, so two marketers editing the same campaign
 * cannot silently overwrite each other.
 */
export interface CampaignStore {
  get(id: string): Promise<Campaign | undefined>;
  /** Every campaign, newest first; only those with the given status when one is given. */
  list(filter?: { status?: Campaign['status'] }): Promise<Campaign[]>;
  /**
   * Stores the campaign if the stored version is `expectedVersion` (undefined: it must not exist yet).
   * Returns false, storing nothing, when the stored version is another.
   */
  save(campaign: Campaign, expectedVersion: number | undefined): Promise<boolean>;
  /** Removes the campaign; false when there was none. */
  delete(id: string): Promise<boolean>;
}
