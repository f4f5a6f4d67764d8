import type { Identity } from './messages.js';

/** GET /v1/stream's address: EventSource cannot send headers, so the write key is a query parameter. */
export function streamUrl(host: string, writeKey: string, identity: Identity): string {
  const query = new URLSearchParams({ writeKey, anonymousId: identity.anonymousId });
  if (identity.userId !== undefined) query.set('userId', identity.userId);
  return `${host}/v1/stream?${query}`;
}

/**
 * Listens for `intervention` events on the live-session stream. EventSource reconnects by itself
 * after a dropped connection (honouring the server's `retry:`), so there is no reconnect logic here.
 * Returns a function that closes the stream.
 */
export function openInterventionStream(url: string, onMessage: (data: unknown) => void): () => void {
  const source = new EventSource(url);
  source.addEventListener('intervention', (event) => {
    try {
      onMessage(JSON.parse((event as MessageEvent<string>).data));
    } catch {
      // Not JSON: nothing the page could show.
    }
  });
  return () => source.close();
}
