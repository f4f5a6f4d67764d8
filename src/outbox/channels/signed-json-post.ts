import type { SignedWebhookSettings } from '../../config/load-config.js';
import type { Clock } from '../../shared/clock.js';
import { httpFailure, unreachable } from './delivery-channel.js';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.js';

/** POSTs JSON signed with the target's secret (webhook-signature.ts); throws as DeliveryChannel.send does. */
export async function postSignedJson(target: SignedWebhookSettings, payload: unknown, idempotencyKey: string, signal: AbortSignal, clock: Clock): Promise<void> {
  const body = JSON.stringify(payload);
  const host = new URL(target.url).host;
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhookBody(target.secret, body, Math.floor(clock.now() / 1000)),
        'Idempotency-Key': idempotencyKey,
      },
      body,
      signal,
    });
  } catch (error) {
    throw unreachable(host, error);
  }
  // The body is not needed, but must be read or cancelled so the connection is released.
  await response.body?.cancel();
  if (!response.ok) throw httpFailure(response.status, host);
}
