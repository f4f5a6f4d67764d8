import type { ResultCounts, ResultsStore } from './campaign-results.js';

export class InMemoryResultsStore implements ResultsStore {
  private readonly rows = new Map<string, ResultCounts>();

  async add(deltas: ResultCounts[]): Promise<void> {
    for (const delta of deltas) {
      const key = `${delta.campaignId}\u0000${delta.arm}\u0000${delta.variantId}`;
      const row = this.rows.get(key) ?? { ...delta, exposures: 0, conversions: 0, value: 0 };
      row.exposures += delta.exposures;
      row.conversions += delta.conversions;
      row.value += delta.value;
      this.rows.set(key, row);
    }
  }

  async ofCampaign(campaignId: string): Promise<ResultCounts[]> {
    return (await this.all()).filter((row) => row.campaignId === campaignId).sort((a, b) => a.arm.localeCompare(b.arm) || a.variantId.localeCompare(b.variantId));
  }

  async all(): Promise<ResultCounts[]> {
    return [...this.rows.values()].map((row) => ({ ...row }));
  }
}
