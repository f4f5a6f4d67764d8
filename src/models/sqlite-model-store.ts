import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { ModelStore, ModelVersion, StoredModel } from './model-store.js';

interface VersionRow {
  id: string;
  kind: string;
  created_at: number;
  source: ModelVersion['source'];
  parent: string | null;
  metrics: string;
  active: number;
}

const VERSION_COLUMNS = 'id, kind, created_at, source, parent, metrics, active';

export class SqliteModelStore implements ModelStore {
  private readonly insert: Statement;
  private readonly deactivate: Statement;
  private readonly setActive: Statement;
  private readonly byId: Statement;
  private readonly activeOfKind: Statement;
  private readonly ofKind: Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare('INSERT INTO model_versions (id, kind, created_at, source, parent, metrics, artifact, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.deactivate = db.prepare('UPDATE model_versions SET active = 0 WHERE kind = ? AND active = 1');
    this.setActive = db.prepare('UPDATE model_versions SET active = 1 WHERE id = ?');
    this.byId = db.prepare(`SELECT ${VERSION_COLUMNS}, artifact FROM model_versions WHERE id = ?`);
    this.activeOfKind = db.prepare(`SELECT ${VERSION_COLUMNS}, artifact FROM model_versions WHERE kind = ? AND active = 1`);
    this.ofKind = db.prepare(`SELECT ${VERSION_COLUMNS} FROM model_versions WHERE kind = ? ORDER BY created_at DESC, id DESC`);
  }

  async save({ version, artifact }: StoredModel): Promise<void> {
    this.db.transaction(() => {
      if (version.active) this.deactivate.run(version.kind);
      this.insert.run(version.id, version.kind, version.createdAt, version.source, version.parent ?? null, JSON.stringify(version.metrics), artifact, version.active ? 1 : 0);
    })();
  }

  async get(id: string): Promise<StoredModel | undefined> {
    return storedModel(this.byId.get(id) as (VersionRow & { artifact: Buffer }) | undefined);
  }

  async active(kind: string): Promise<StoredModel | undefined> {
    return storedModel(this.activeOfKind.get(kind) as (VersionRow & { artifact: Buffer }) | undefined);
  }

  async list(kind: string): Promise<ModelVersion[]> {
    return (this.ofKind.all(kind) as VersionRow[]).map(versionOf);
  }

  async activate(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.byId.get(id) as VersionRow | undefined;
      if (!row) return false;
      this.deactivate.run(row.kind);
      this.setActive.run(id);
      return true;
    })();
  }
}

function storedModel(row: (VersionRow & { artifact: Buffer }) | undefined): StoredModel | undefined {
  return row && { version: versionOf(row), artifact: row.artifact };
}

function versionOf(row: VersionRow): ModelVersion {
  const version: ModelVersion = { id: row.id, kind: row.kind, createdAt: row.created_at, source: row.source, metrics: JSON.parse(row.metrics) as Record<string, unknown>, active: row.active === 1 };
  if (row.parent !== null) version.parent = row.parent;
  return version;
}
