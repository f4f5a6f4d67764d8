/** A stored model version: what it is and how it measured; the artifact itself is fetched apart. */
export interface ModelVersion {
  id: string;
  /** What it predicts, e.g. `epp`. */
  kind: string;
  createdAt: number;
  source: 'offline' | 'online';
  parent?: string;
  metrics: Record<string, unknown>;
  active: boolean;
}

export interface StoredModel {
  version: ModelVersion;
  artifact: Buffer;
}

/**
 * Where trained models are kept, with their metrics, so a restart serves the version that was active
 * and a marketer can see and roll back what is serving. One version per kind is active.
 */
export interface ModelStore {
  /** Stores a new version; when `active`, it replaces the kind's active one in the same write. */
  save(model: StoredModel): Promise<void>;
  get(id: string): Promise<StoredModel | undefined>;
  active(kind: string): Promise<StoredModel | undefined>;
  /** The kind's versions, newest first, without their artifacts. */
  list(kind: string): Promise<ModelVersion[]>;
  /** Makes a stored version the active one of its kind; false when there is no such version. */
  activate(id: string): Promise<boolean>;
}
