import { ItemIds } from '../models/item-ids.js';

export interface SessionIndexLimits {
  /** Sessions kept: opening one more forgets the oldest. */
  maxSessions: number;
  /** Sessions remembered per item (the most recent): neighbour sampling only reads the newest anyway. */
  maxPostingsPerItem: number;
  /** Clicks kept per session: a bot's thousand clicks add nothing a neighbour search can use. */
  maxClicksPerSession: number;
}

export const DEFAULT_INDEX_LIMITS: SessionIndexLimits = { maxSessions: 100_000, maxPostingsPerItem: 2_000, maxClicksPerSession: 100 };

/**
 * The most recent sessions, click by click, with each item's sessions ("postings"), for the
 * neighbourhood models (V-SKNN, STAN) and the sequential rules to share. Sessions are numbered in the
 * order they start; number `s` lives in slot `s % maxSessions` until `maxSessions` newer ones have
 * started, so memory is fixed by the limits and forgetting costs nothing but the forgotten session's
 * items. Postings may still name forgotten sessions: readers skip them with `isLive`.
 */
export class SessionIndex {
  readonly items = new ItemIds();
  readonly limits: SessionIndexLimits;
  /** Sessions ever started; the newest is `started - 1`. */
  private started = 0;
  private readonly clicksOf: number[][];
  private readonly timeOf: Float64Array;
  private readonly keyOf: string[];
  private readonly numberOf = new Map<string, number>();
  private readonly postings: number[][] = [];
  /** Live sessions holding each item: the document frequency of IDF weighting. */
  private readonly liveSessionsWith: number[] = [];
  private latestTime = Number.NEGATIVE_INFINITY;

  constructor(limits: Partial<SessionIndexLimits> = {}) {
    this.limits = { ...DEFAULT_INDEX_LIMITS, ...limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} is ${value}; it must be a whole number of at least 1`);
    }
    this.clicksOf = Array.from({ length: this.limits.maxSessions }, () => []);
    this.timeOf = new Float64Array(this.limits.maxSessions);
    this.keyOf = new Array<string>(this.limits.maxSessions).fill('');
  }

  /** Records a click and returns its session's number. */
  addClick(sessionKey: string, itemName: string, at: number): number {
    const session = this.liveSession(sessionKey) ?? this.open(sessionKey);
    const slot = session % this.limits.maxSessions;
    const clicks = this.clicksOf[slot]!;
    this.timeOf[slot] = at;
    if (at > this.latestTime) this.latestTime = at;
    if (clicks.length >= this.limits.maxClicksPerSession) return session;
    const item = this.items.intern(itemName);
    if (!clicks.includes(item)) this.post(item, session);
    clicks.push(item);
    return session;
  }

  /** The number of the session with this key, if it is live. */
  liveSession(sessionKey: string): number | undefined {
    const session = this.numberOf.get(sessionKey);
    return session !== undefined && this.isLive(session) ? session : undefined;
  }

  isLive(session: number): boolean {
    return session < this.started && session >= this.started - this.limits.maxSessions;
  }

  /** The clicks of a live session, oldest first (repeats kept). */
  clicks(session: number): readonly number[] {
    return this.clicksOf[session % this.limits.maxSessions]!;
  }

  /** The time of a live session's latest click. */
  time(session: number): number {
    return this.timeOf[session % this.limits.maxSessions]!;
  }

  /** The latest click time seen: "now" for recency weights when the query carries no time. */
  get now(): number {
    return this.latestTime;
  }

  get liveSessions(): number {
    return Math.min(this.started, this.limits.maxSessions);
  }

  /** How many live sessions hold the item. */
  sessionsWith(item: number): number {
    return this.liveSessionsWith[item] ?? 0;
  }

  /**
   * How many of the `window` most recently started sessions hold the item: its popularity now, which
   * on a shop's stream can differ a lot from its popularity over everything the index remembers.
   */
  recentSessionsWithItem(item: number, window: number): number {
    const list = this.postings[item];
    if (list === undefined) return 0;
    const since = this.started - window;
    // Postings are in session order, so the recent ones are a suffix found by bisection.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle]! < since) low = middle + 1;
      else high = middle;
    }
    return list.length - low;
  }

  /**
   * The `sample` most recently started live sessions holding any of `items`, newest first, leaving
   * out `exclude` (the querying session itself, when it is indexed): V-SKNN's and STAN's neighbour
   * candidates. Recent sessions are the likeliest to predict the next click (Ludewig & Jannach 2018).
   */
  recentSessionsWith(items: readonly number[], sample: number, exclude = -1): number[] {
    const found: number[] = [];
    for (const item of items) {
      const list = this.postings[item];
      if (list === undefined) continue;
      for (let i = list.length - 1, taken = 0; i >= 0 && taken < sample; i--) {
        const session = list[i]!;
        if (!this.isLive(session)) break;
        if (session === exclude) continue;
        found.push(session);
        taken++;
      }
    }
    found.sort((a, b) => b - a);
    const newest: number[] = [];
    for (const session of found) {
      if (session !== newest.at(-1)) newest.push(session);
      if (newest.length === sample) break;
    }
    return newest;
  }

  private open(sessionKey: string): number {
    const session = this.started++;
    const slot = session % this.limits.maxSessions;
    if (session >= this.limits.maxSessions) this.forget(slot);
    this.keyOf[slot] = sessionKey;
    this.numberOf.set(sessionKey, session);
    return session;
  }

  private forget(slot: number): void {
    const clicks = this.clicksOf[slot]!;
    for (let i = 0; i < clicks.length; i++) {
      const item = clicks[i]!;
      if (clicks.indexOf(item) === i) this.liveSessionsWith[item]!--;
    }
    clicks.length = 0;
    this.numberOf.delete(this.keyOf[slot]!);
  }

  private post(item: number, session: number): void {
    let list = this.postings[item];
    if (list === undefined) {
      list = [];
      this.postings[item] = list;
      this.liveSessionsWith[item] = 0;
    }
    list.push(session);
    this.liveSessionsWith[item]!++;
    // Trimming at twice the cap keeps the cost of a trim amortised over many clicks.
    if (list.length > 2 * this.limits.maxPostingsPerItem) list.splice(0, list.length - this.limits.maxPostingsPerItem);
  }
}
