import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { RetailStore } from './retail-store.js';
import type { RetailStoreDirectory } from './retail-store-directory.js';

export class SqliteRetailStoreDirectory implements RetailStoreDirectory {
  private readonly getStatement: Statement;
  private readonly listStatement: Statement;
  private readonly exists: Statement;
  private readonly upsert: Statement;
  private readonly remove: Statement;

  constructor(db: SqliteDatabase) {
    this.getStatement = db.prepare('SELECT document FROM retail_stores WHERE id = ?').pluck();
    this.listStatement = db.prepare('SELECT document FROM retail_stores ORDER BY id').pluck();
    this.exists = db.prepare('SELECT 1 FROM retail_stores WHERE id = ?').pluck();
    this.upsert = db.prepare('INSERT INTO retail_stores (id, document) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document');
    this.remove = db.prepare('DELETE FROM retail_stores WHERE id = ?');
  }

  async get(id: string): Promise<RetailStore | undefined> {
    const document = this.getStatement.get(id) as string | undefined;
    return document === undefined ? undefined : (JSON.parse(document) as RetailStore);
  }

  async list(): Promise<RetailStore[]> {
    return (this.listStatement.all() as string[]).map((document) => JSON.parse(document) as RetailStore);
  }

  async put(store: RetailStore): Promise<boolean> {
    const isNew = this.exists.get(store.id) === undefined;
    this.upsert.run(store.id, JSON.stringify(store));
    return isNew;
  }

  async delete(id: string): Promise<boolean> {
    return this.remove.run(id).changes === 1;
  }
}
