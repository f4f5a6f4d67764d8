import { randomId } from './ids.js';
import type { Identity } from './messages.js';

const ANONYMOUS_ID_KEY = 'kairos.anonymousId';
const USER_ID_KEY = 'kairos.userId';

/** The part of Storage the SDK uses, so memory can stand in. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * localStorage when the page may use it; otherwise (Safari private mode, storage blocked by policy,
 * sandboxed iframes) a Map for the life of the page, so the SDK still works with a per-page anonymousId.
 */
export function browserStore(): KeyValueStore {
  try {
    const probe = `${ANONYMOUS_ID_KEY}.probe`;
    localStorage.setItem(probe, probe);
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return memoryStore();
  }
}

export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

/** The shopper's anonymousId (made once, then kept) and userId (after identify). */
export class IdentityStore {
  constructor(private readonly store: KeyValueStore) {}

  current(): Identity {
    let anonymousId = this.store.getItem(ANONYMOUS_ID_KEY);
    if (anonymousId === null) {
      anonymousId = randomId();
      this.store.setItem(ANONYMOUS_ID_KEY, anonymousId);
    }
    const userId = this.store.getItem(USER_ID_KEY);
    return userId === null ? { anonymousId } : { anonymousId, userId };
  }

  identify(userId: string): void {
    this.store.setItem(USER_ID_KEY, userId);
  }
}
