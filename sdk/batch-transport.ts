import type { BatchTransport, SendOutcome } from './event-queue.js';

/**
 * POST /v1/batch as text/plain: with the write key in the body that is a CORS "simple request", so a
 * shop on another origin pays no preflight. Beacons must be text/plain too: a cross-origin beacon with
 * an application/json Blob is refused by browsers.
 */
export function batchTransport(host: string): BatchTransport {
  const url = `${host}/v1/batch`;
  const post = (body: string, keepalive: boolean) => fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body, keepalive });
  return {
    async send(body): Promise<SendOutcome> {
      try {
        const response = await post(body, false);
        if (response.ok) return 'sent';
        return response.status === 429 || response.status >= 500 ? 'retry' : 'rejected';
      } catch {
        return 'retry'; // offline, DNS, connection reset: the server never answered
      }
    },
    beacon(body) {
      if (navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) return;
      // The browser refused the beacon (too large, or a full beacon queue): a keepalive fetch also outlives the page.
      post(body, true).catch(() => undefined);
    },
  };
}
