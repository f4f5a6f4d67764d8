import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every signed request carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'Kairos-Signature';

/** The `Kairos-Signature` value for a body sent at `timestampSeconds`. */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

/**
 * What a receiver runs on each request, with the raw body as received (before any JSON parsing): true
 * when the signature is the secret's and the timestamp is within `toleranceSeconds` of now, so a
 * captured request cannot be replayed later. Self-contained (node:crypto only) so retailers can copy it.
 *
 * @example
 * if (!verifyWebhookSignature(process.env.KAIROS_WEBHOOK_SECRET, req.headers['kairos-signature'], rawBody, 300)) {
 *   res.writeHead(400).end();
 * }
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceSeconds: number,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  // Several v1 values may come while a secret is being rotated; one match is enough.
  return parts.some(([key, value]) => {
    if (key !== 'v1' || value === undefined || !/^[0-9a-f]+$/i.test(value)) return false;
    const presented = Buffer.from(value, 'hex');
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
}

function hmac(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
