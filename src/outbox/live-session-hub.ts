/** One open stream (server-sent events) of a shopper's page. */
export interface LiveConnection {
  write(chunk: string): void;
  end(): void;
}

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/** The keys a stream or a message is known by: `userId:…`, `anonymousId:…`, `profile:…`. */
export function liveSessionKeys(ids: { userId?: string | undefined; anonymousId?: string | undefined; profileId?: string | undefined }): string[] {
  return [
    ...(ids.userId ? [`userId:${ids.userId}`] : []),
    ...(ids.anonymousId ? [`anonymousId:${ids.anonymousId}`] : []),
    ...(ids.profileId ? [`profile:${ids.profileId}`] : []),
  ];
}

/**
 * The shoppers' open streams, by the identifiers they opened them with (and the profile those resolved
 * to then, so a message for a profile reaches a page that only knew its anonymousId). One timer writes a
 * comment to every stream so proxies do not close an idle one; it runs only while streams are open.
 */
export class LiveSessionHub {
  private readonly byKey = new Map<string, Set<LiveConnection>>();
  private readonly connections = new Map<LiveConnection, string[]>();
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(private readonly keepAliveMs = KEEP_ALIVE_MS) {}

  /** Registers a stream; returns what removes it (call it when the connection closes). */
  open(keys: string[], connection: LiveConnection): () => void {
    this.connections.set(connection, keys);
    for (const key of keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(connection);
    }
    this.keepAlive ??= setInterval(() => this.writeToAll(': keep-alive\n\n'), this.keepAliveMs).unref();
    return () => this.remove(connection);
  }

  /** Sends an event to every stream known by any of the keys, once each; returns how many streams got it. */
  publish(keys: string[], event: string, data: unknown): number {
    const targets = new Set<LiveConnection>();
    for (const key of keys) for (const connection of this.byKey.get(key) ?? []) targets.add(connection);
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const connection of targets) connection.write(frame);
    return targets.size;
  }

  /** Ends every stream (server shutdown): browsers reconnect after `retry` to another instance or the restarted one. */
  closeAll(): void {
    for (const connection of [...this.connections.keys()]) {
      this.remove(connection);
      connection.end();
    }
  }

  get openCount(): number {
    return this.connections.size;
  }

  private remove(connection: LiveConnection): void {
    for (const key of this.connections.get(connection) ?? []) {
      const set = this.byKey.get(key);
      set?.delete(connection);
      if (set?.size === 0) this.byKey.delete(key);
    }
    this.connections.delete(connection);
    if (this.connections.size === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = undefined;
    }
  }

  private writeToAll(chunk: string): void {
    for (const connection of this.connections.keys()) connection.write(chunk);
  }
}
