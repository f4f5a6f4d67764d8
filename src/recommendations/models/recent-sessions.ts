/**
 * The latest product clicks of open sessions, oldest first with repeats, so a request can ask the
 * session-based strategies about the session it comes from without reading the event log. Bounded
 * like RecentBaskets: the least recently touched session goes first.
 */
export class RecentSessions {
  private readonly sessions = new Map<string, string[]>();

  constructor(
    private readonly maxSessions = 100_000,
    private readonly maxClicks = 20,
  ) {}

  add(sessionId: string, itemId: string): void {
    const clicks = this.sessions.get(sessionId) ?? [];
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, clicks);
    clicks.push(itemId);
    if (clicks.length > this.maxClicks) clicks.shift();
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
  }

  clicksOf(sessionId: string): readonly string[] {
    return this.sessions.get(sessionId) ?? [];
  }
}
