import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_0123456789abcdef';
const BODY = '{"id":"msg_1","content":{"body":"Your basket is waiting."}}';
const NOW = 1_795_000_000;

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 as Stripe does', () => {
    // Computed independently: printf '1795000000.{body}' | openssl dgst -sha256 -hmac whsec_0123456789abcdef
    expect(signWebhookBody(SECRET, BODY, NOW)).toBe('t=1795000000,v1=dbeef837a3c2dcdca7eca86c427508bdfd8df173ac7fa5a271513ce7813fdc0b');
    expect(signWebhookBody(SECRET, BODY, NOW)).not.toBe(signWebhookBody(SECRET, BODY, NOW + 1));
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhookBody(SECRET, BODY, NOW);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, NOW)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, NOW + 299)).toBe(true);
  });

  it.each([
    ['a tampered body', signWebhookBody(SECRET, BODY, NOW), BODY.replace('waiting', 'gone'), NOW],
    ['another secret', signWebhookBody('another-secret-0000', BODY, NOW), BODY, NOW],
    ['an old timestamp (a replay)', signWebhookBody(SECRET, BODY, NOW - 301), BODY, NOW],
    ['a timestamp from the future', signWebhookBody(SECRET, BODY, NOW + 301), BODY, NOW],
    ['a changed timestamp', signWebhookBody(SECRET, BODY, NOW).replace(`t=${NOW}`, `t=${NOW - 1}`), BODY, NOW],
    ['no header', undefined, BODY, NOW],
    ['a header without v1', `t=${NOW}`, BODY, NOW],
    ['garbage', 'nonsense', BODY, NOW],
  ])('refuses %s', (_what, header, body, now) => {
    expect(verifyWebhookSignature(SECRET, header, body, 300, now)).toBe(false);
  });

  it('accepts one matching v1 among several (secret rotation)', () => {
    const good = signWebhookBody(SECRET, BODY, NOW);
    const other = signWebhookBody('an-older-secret-000', BODY, NOW).split(',')[1];
    expect(verifyWebhookSignature(SECRET, `${good.split(',')[0]},${other},${good.split(',')[1]}`, BODY, 300, NOW)).toBe(true);
  });
});
