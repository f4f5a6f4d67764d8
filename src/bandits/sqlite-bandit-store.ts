import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { BanditStore, ChoicePolicy, DecisionKey, LoggedDecision, StoredPosterior } from './bandit-store.js';

interface DecisionRow {
  campaign_id: string;
  decision_id: string;
  variant_id: string;
  policy: ChoicePolicy;
  propensity: number;
  candidates: string;
  context: string;
  delivered_at: number;
  due_at: number;
  reward: 0 | 1 | null;
}

interface PosteriorRow {
  campaign_id: string;
  variant_id: string;
  posterior: string;
  updates: number;
}

export class SqliteBanditStore implements BanditStore {
  private readonly selectPosteriors: Statement;
  private readonly selectAwaiting: Statement;
  private readonly selectDue: Statement;
  private readonly selectClosed: Statement;
  private readonly insertDecision: Statement;
  private readonly settle: Statement;
  private readonly upsertPosterior: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.selectPosteriors = db.prepare('SELECT * FROM bandit_posteriors');
    this.selectAwaiting = db.prepare('SELECT * FROM bandit_decisions WHERE campaign_id = ? AND decision_id = ? AND reward IS NULL');
    this.selectDue = db.prepare('SELECT * FROM bandit_decisions WHERE reward IS NULL AND due_at < ? ORDER BY due_at LIMIT ?');
    this.selectClosed = db.prepare(
      `SELECT * FROM (SELECT * FROM bandit_decisions WHERE campaign_id = ? AND delivered_at >= ? AND due_at <= ? ORDER BY delivered_at DESC, decision_id DESC LIMIT ?)
       ORDER BY delivered_at, decision_id`,
    );
    this.insertDecision = db.prepare(
      `INSERT OR IGNORE INTO bandit_decisions (campaign_id, decision_id, variant_id, policy, propensity, candidates, context, delivered_at, due_at, reward)
       VALUES (@campaignId, @decisionId, @variantId, @policy, @propensity, @candidates, @context, @deliveredAt, @dueAt, @reward)`,
    );
    this.settle = db.prepare('UPDATE bandit_decisions SET reward = ? WHERE campaign_id = ? AND decision_id = ?');
    this.upsertPosterior = db.prepare(
      `INSERT INTO bandit_posteriors (campaign_id, variant_id, posterior, updates) VALUES (?, ?, ?, ?)
       ON CONFLICT (campaign_id, variant_id) DO UPDATE SET posterior = excluded.posterior, updates = excluded.updates`,
    );
  }

  async posteriors(): Promise<StoredPosterior[]> {
    return (this.selectPosteriors.all() as PosteriorRow[]).map((row) => ({
      campaignId: row.campaign_id,
      variantId: row.variant_id,
      posterior: JSON.parse(row.posterior) as StoredPosterior['posterior'],
      updates: row.updates,
    }));
  }

  async awaiting(keys: readonly DecisionKey[]): Promise<LoggedDecision[]> {
    return keys.flatMap((key) => (this.selectAwaiting.all(key.campaignId, key.decisionId) as DecisionRow[]).map(decisionOf));
  }

  async dueBefore(at: number, limit: number): Promise<LoggedDecision[]> {
    return (this.selectDue.all(at, limit) as DecisionRow[]).map(decisionOf);
  }

  async write(change: Parameters<BanditStore['write']>[0]): Promise<void> {
    this.db.transaction(() => {
      for (const decision of change.logged) {
        this.insertDecision.run({ ...decision, candidates: JSON.stringify(decision.candidates), context: JSON.stringify(decision.context) });
      }
      for (const settled of change.rewards) this.settle.run(settled.reward, settled.campaignId, settled.decisionId);
      for (const arm of change.posteriors) this.upsertPosterior.run(arm.campaignId, arm.variantId, JSON.stringify(arm.posterior), arm.updates);
    })();
  }

  async closedDecisions(campaignId: string, options: { from: number; closedBy: number; limit: number }): Promise<LoggedDecision[]> {
    return (this.selectClosed.all(campaignId, options.from, options.closedBy, options.limit) as DecisionRow[]).map(decisionOf);
  }
}

function decisionOf(row: DecisionRow): LoggedDecision {
  return {
    campaignId: row.campaign_id,
    decisionId: row.decision_id,
    variantId: row.variant_id,
    policy: row.policy,
    propensity: row.propensity,
    candidates: JSON.parse(row.candidates) as string[],
    context: JSON.parse(row.context) as LoggedDecision['context'],
    deliveredAt: row.delivered_at,
    dueAt: row.due_at,
    reward: row.reward,
  };
}
