import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../storage/sqlite/open-database.js';
import type { Placement } from './placement.js';
import type { PlacementStore } from './placement-store.js';

export class SqlitePlacementStore implements PlacementStore {
  private readonly getStatement: Statement;
  private readonly listAll: Statement;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement;

  constructor(db: SqliteDatabase) {
    this.getStatement = db.prepare('SELECT document FROM placements WHERE id = ?').pluck();
    this.listAll = db.prepare('SELECT document FROM placements ORDER BY id').pluck();
    this.insert = db.prepare('INSERT INTO placements (id, version, document) VALUES (@id, @version, @document) ON CONFLICT (id) DO NOTHING');
    this.update = db.prepare('UPDATE placements SET version = @version, document = @document WHERE id = @id AND version = @expectedVersion');
    this.remove = db.prepare('DELETE FROM placements WHERE id = ?');
  }

  async get(id: string): Promise<Placement | undefined> {
    const document = this.getStatement.get(id) as string | undefined;
    return document === undefined ? undefined : (JSON.parse(document) as Placement);
  }

  async list(): Promise<Placement[]> {
    return (this.listAll.all() as string[]).map((document) => JSON.parse(document) as Placement);
  }

  async save(placement: Placement, expectedVersion: number | undefined): Promise<boolean> {
    const row = { id: placement.id, version: placement.version, document: JSON.stringify(placement) };
    const result = expectedVersion === undefined ? this.insert.run(row) : this.update.run({ ...row, expectedVersion });
    return result.changes === 1;
  }

  async delete(id: string): Promise<boolean> {
    return this.remove.run(id).changes === 1;
  }
}
