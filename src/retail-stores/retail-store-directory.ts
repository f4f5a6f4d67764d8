import type { RetailStore } from './retail-store.js';

/** Where the retailer's stores are kept: one document per store. Asynchronous for the PostgreSQL adapter. */
export interface RetailStoreDirectory {
  get(id: string): Promise<RetailStore | undefined>;
  /** Every store, by id. */
  list(): Promise<RetailStore[]>;
  /** Creates or replaces the store; true when it was new. */
  put(store: RetailStore): Promise<boolean>;
  /** Removes the store; false when there was none. */
  delete(id: string): Promise<boolean>;
}
