import type { Campaign } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';

/** The CampaignStore of unit tests: the contract's behaviour over a Map, with copies in and out. */
export class InMemoryCampaignStore implements CampaignStore {
  private readonly campaigns = new Map<string, Campaign>();

  async get(id: string): Promise<Campaign | undefined> {
    const campaign = this.campaigns.get(id);
    return campaign && structuredClone(campaign);
  }

  async list(filter: { status?: Campaign['status'] } = {}): Promise<Campaign[]> {
    return [...this.campaigns.values()]
      .filter((campaign) => filter.status === undefined || campaign.status === filter.status)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((campaign) => structuredClone(campaign));
  }

  async save(campaign: Campaign, expectedVersion: number | undefined): Promise<boolean> {
    if (this.campaigns.get(campaign.id)?.version !== expectedVersion) return false;
    this.campaigns.set(campaign.id, structuredClone(campaign));
    return true;
  }

  async delete(id: string): Promise<boolean> {
    return this.campaigns.delete(id);
  }
}
