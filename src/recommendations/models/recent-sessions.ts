import { LRUCache } from 'lru-cache';

/**
 * The latest product clicks of open sessions, oldest first with repeats, so a request can ask the
 * session-based strategies about the session it comes from without reading the event log. Bounded
 * like RecentBaskets: the least recently touched session goes first.
 */
export class RecentSessions {
  private readonly sessions: LRUCache<string, string[]>;

  constructor(
    maxSessions = 100_000,
    private readonly maxClicks = 20,
  ) {
    this.sessions = new LRUCache({ max: maxSessions });
  }

  add(sessionId: string, itemId: string): void {
    let clicks = this.sessions.get(sessionId);
    if (!clicks) this.sessions.set(sessionId, (clicks = []));
    clicks.push(itemId);
    if (clicks.length > this.maxClicks) clicks.shift();
  }

  clicksOf(sessionId: string): readonly string[] {
    // peek: reading a session for a request does not make it more recent than one that is clicking.
    return this.sessions.peek(sessionId) ?? [];
  }
}
