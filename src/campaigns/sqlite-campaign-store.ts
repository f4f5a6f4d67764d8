import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { Campaign } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';

export class SqliteCampaignStore implements CampaignStore {
  private readonly getStatement: Statement;
  private readonly listAll: Statement;
  private readonly listByStatus: Statement;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement;

  constructor(db: SqliteDatabase) {
    this.getStatement = db.prepare('SELECT document FROM campaigns WHERE id = ?').pluck();
    this.listAll = db.prepare('SELECT document FROM campaigns ORDER BY created_at DESC, id DESC').pluck();
    this.listByStatus = db.prepare('SELECT document FROM campaigns WHERE status = ? ORDER BY created_at DESC, id DESC').pluck();
    this.insert = db.prepare(
      'INSERT INTO campaigns (id, version, status, created_at, document) VALUES (@id, @version, @status, @createdAt, @document) ON CONFLICT (id) DO NOTHING',
    );
    this.update = db.prepare('UPDATE campaigns SET version = @version, status = @status, document = @document WHERE id = @id AND version = @expectedVersion');
    this.remove = db.prepare('DELETE FROM campaigns WHERE id = ?');
  }

  async get(id: string): Promise<Campaign | undefined> {
    const document = this.getStatement.get(id) as string | undefined;
    return document === undefined ? undefined : (JSON.parse(document) as Campaign);
  }

  async list(filter: { status?: Campaign['status'] } = {}): Promise<Campaign[]> {
    const documents = (filter.status === undefined ? this.listAll.all() : this.listByStatus.all(filter.status)) as string[];
    return documents.map((document) => JSON.parse(document) as Campaign);
  }

  async save(campaign: Campaign, expectedVersion: number | undefined): Promise<boolean> {
    const row = { id: campaign.id, version: campaign.version, status: campaign.status, createdAt: campaign.createdAt, document: JSON.stringify(campaign) };
    const result = expectedVersion === undefined ? this.insert.run(row) : this.update.run({ ...row, expectedVersion });
    return result.changes === 1;
  }

  async delete(id: string): Promise<boolean> {
    return this.remove.run(id).changes === 1;
  }
}
