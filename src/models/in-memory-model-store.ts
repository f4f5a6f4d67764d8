import type { ModelStore, ModelVersion, StoredModel } from './model-store.js';

export class InMemoryModelStore implements ModelStore {
  private readonly models = new Map<string, StoredModel>();

  async save(model: StoredModel): Promise<void> {
    if (this.models.has(model.version.id)) throw new Error(`model version ${model.version.id} already exists`);
    if (model.version.active) this.deactivate(model.version.kind);
    this.models.set(model.version.id, { version: { ...model.version }, artifact: model.artifact });
  }

  async get(id: string): Promise<StoredModel | undefined> {
    return this.models.get(id);
  }

  async active(kind: string): Promise<StoredModel | undefined> {
    return [...this.models.values()].find((model) => model.version.kind === kind && model.version.active);
  }

  async list(kind: string): Promise<ModelVersion[]> {
    return [...this.models.values()]
      .filter((model) => model.version.kind === kind)
      .map((model) => model.version)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  }

  async activate(id: string): Promise<boolean> {
    const model = this.models.get(id);
    if (!model) return false;
    this.deactivate(model.version.kind);
    model.version.active = true;
    return true;
  }

  private deactivate(kind: string): void {
    for (const model of this.models.values()) if (model.version.kind === kind) model.version.active = false;
  }
}
