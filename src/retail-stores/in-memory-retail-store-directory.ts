import type { RetailStore } from './retail-store.js';
import type { RetailStoreDirectory } from './retail-store-directory.js';

/** For tests of the services that use stores; keeps copies, as a database would. */
export class InMemoryRetailStoreDirectory implements RetailStoreDirectory {
  private readonly stores = new Map<string, string>();

  async get(id: string): Promise<RetailStore | undefined> {
    const document = this.stores.get(id);
    return document === undefined ? undefined : (JSON.parse(document) as RetailStore);
  }

  async list(): Promise<RetailStore[]> {
    return [...this.stores.keys()].sort().map((id) => JSON.parse(this.stores.get(id)!) as RetailStore);
  }

  async put(store: RetailStore): Promise<boolean> {
    const isNew = !this.stores.has(store.id);
    this.stores.set(store.id, JSON.stringify(store));
    return isNew;
  }

  async delete(id: string): Promise<boolean> {
    return this.stores.delete(id);
  }
}
