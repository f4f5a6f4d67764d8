import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { ResultCounts, ResultsStore } from './campaign-results.js';

interface ResultRow {
  campaign_id: string;
  arm: ResultCounts['arm'];
  variant_id: string;
  exposures: number;
  conversions: number;
  value: number;
}

export class SqliteResultsStore implements ResultsStore {
  private readonly upsert: Statement;
  private readonly byCampaign: Statement;
  private readonly everything: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.upsert = db.prepare(
      `INSERT INTO campaign_results (campaign_id, arm, variant_id, exposures, conversions, value) VALUES (@campaignId, @arm, @variantId, @exposures, @conversions, @value)
       ON CONFLICT (campaign_id, arm, variant_id) DO UPDATE SET exposures = exposures + excluded.exposures, conversions = conversions + excluded.conversions, value = value + excluded.value`,
    );
    this.byCampaign = db.prepare('SELECT * FROM campaign_results WHERE campaign_id = ? ORDER BY arm, variant_id');
    this.everything = db.prepare('SELECT * FROM campaign_results');
  }

  /** Writes within the call: in the caller's transaction (the ingestion batch's), or one of its own. */
  async add(deltas: ResultCounts[]): Promise<void> {
    this.db.transaction(() => {
      for (const delta of deltas) this.upsert.run(delta);
    })();
  }

  async ofCampaign(campaignId: string): Promise<ResultCounts[]> {
    return (this.byCampaign.all(campaignId) as ResultRow[]).map(counts);
  }

  async all(): Promise<ResultCounts[]> {
    return (this.everything.all() as ResultRow[]).map(counts);
  }
}

function counts(row: ResultRow): ResultCounts {
  return { campaignId: row.campaign_id, arm: row.arm, variantId: row.variant_id, exposures: row.exposures, conversions: row.conversions, value: row.value };
}
