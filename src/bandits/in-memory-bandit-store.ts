import type { BanditStore, DecisionKey, LoggedDecision, StoredPosterior } from './bandit-store.js';

export class InMemoryBanditStore implements BanditStore {
  private readonly arms = new Map<string, StoredPosterior>();
  private readonly decisions = new Map<string, LoggedDecision>();

  async posteriors(): Promise<StoredPosterior[]> {
    return [...this.arms.values()].map((arm) => structuredClone(arm));
  }

  async awaiting(keys: readonly DecisionKey[]): Promise<LoggedDecision[]> {
    return keys.flatMap((key) => {
      const decision = this.decisions.get(keyOf(key));
      return decision !== undefined && decision.reward === null ? [structuredClone(decision)] : [];
    });
  }

  async dueBefore(at: number, limit: number): Promise<LoggedDecision[]> {
    return [...this.decisions.values()]
      .filter((decision) => decision.reward === null && decision.dueAt < at)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit)
      .map((decision) => structuredClone(decision));
  }

  async write(change: Parameters<BanditStore['write']>[0]): Promise<void> {
    for (const decision of change.logged) if (!this.decisions.has(keyOf(decision))) this.decisions.set(keyOf(decision), structuredClone(decision));
    for (const settled of change.rewards) {
      const decision = this.decisions.get(keyOf(settled));
      if (decision !== undefined) decision.reward = settled.reward;
    }
    for (const arm of change.posteriors) this.arms.set(`${arm.campaignId}\u0000${arm.variantId}`, structuredClone(arm));
  }

  async closedDecisions(campaignId: string, options: { from: number; closedBy: number; limit: number }): Promise<LoggedDecision[]> {
    return [...this.decisions.values()]
      .filter((decision) => decision.campaignId === campaignId && decision.deliveredAt >= options.from && decision.dueAt <= options.closedBy)
      .sort((a, b) => b.deliveredAt - a.deliveredAt || b.decisionId.localeCompare(a.decisionId))
      .slice(0, options.limit)
      .reverse()
      .map((decision) => structuredClone(decision));
  }
}

function keyOf(key: DecisionKey): string {
  return `${key.campaignId}\u0000${key.decisionId}`;
}
