import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import type { RetailStore, RetailStoreInput } from './retail-store.js';
import type { RetailStoreDirectory } from './retail-store-directory.js';

/**
 * The retailer's stores. Checks what the schema cannot (a valid time zone, opening ranges that open
 * and close at different times) and keeps every store in memory: the presence detector looks at all
 * of them on every location event, and a retailer has thousands of stores at most.
 */
export class RetailStoreService {
  private cached: Promise<readonly RetailStore[]> | undefined;

  constructor(private readonly deps: { directory: RetailStoreDirectory; clock: Clock }) {}

  /** Creates or replaces a store; `created` says which. */
  async put(id: string, input: RetailStoreInput): Promise<{ store: RetailStore; created: boolean }> {
    checkStore(input);
    const store: RetailStore = { ...input, id, updatedAt: new Date(this.deps.clock.now()).toISOString() };
    const created = await this.deps.directory.put(store);
    this.cached = undefined;
    return { store, created };
  }

  async get(id: string): Promise<RetailStore> {
    const store = await this.deps.directory.get(id);
    if (store === undefined) throw Errors.storeNotFound(id);
    return store;
  }

  /** Every store, served from memory after the first call. */
  all(): Promise<readonly RetailStore[]> {
    this.cached ??= this.deps.directory.list();
    return this.cached;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.deps.directory.delete(id))) throw Errors.storeNotFound(id);
    this.cached = undefined;
  }
}

function checkStore(input: RetailStoreInput): void {
  if (input.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: input.timeZone });
    } catch {
      throw Errors.invalidRequest([{ field: 'timeZone', problem: `"${input.timeZone}" is not an IANA time zone such as Europe/Amsterdam` }]);
    }
  }
  for (const [day, ranges] of Object.entries(input.openingHours ?? {})) {
    ranges.forEach((range, index) => {
      const [opens, closes] = range.split('-');
      if (opens === closes) throw Errors.invalidRequest([{ field: `openingHours.${day}.${index}`, problem: 'opens and closes at the same time; leave the day out when the store is closed' }]);
    });
  }
  if (input.wifi?.some((network) => network.ssid === undefined && network.bssid === undefined)) {
    const index = input.wifi.findIndex((network) => network.ssid === undefined && network.bssid === undefined);
    throw Errors.invalidRequest([{ field: `wifi.${index}`, problem: 'needs an ssid or a bssid' }]);
  }
}
