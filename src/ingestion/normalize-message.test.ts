import { describe, expect, it } from 'vitest';
import { normalizeMessage } from './normalize-message.js';

const receivedAt = Date.parse('2026-11-23T12:00:00.000Z');

function normalize(raw: unknown, extra: Partial<Parameters<typeof normalizeMessage>[1]> = {}) {
  return normalizeMessage(raw, { receivedAt, ...extra });
}

describe('normalizeMessage', () => {
  it('turns a Segment track call into a Kairos event', () => {
    const result = normalize({
      type: 'track',
      event: 'Product Viewed',
      userId: 42,
      messageId: 'm-1',
      timestamp: '2026-11-23T11:59:00.000Z',
      properties: { product_id: 'sku-1' },
      context: { channel: 'app', storeId: 'store-7' },
    });
    expect(result).toMatchObject({
      ok: true,
      event: { messageId: 'm-1', type: 'track', name: 'Product Viewed', userId: '42', channel: 'app', storeId: 'store-7', timestamp: receivedAt - 60_000 },
    });
  });

  it('corrects the client clock skew with sentAt, as Segment does', () => {
    // The device clock is 10 years behind: it says the event happened 5 s before it was sent.
    const result = normalize({ type: 'track', event: 'x', anonymousId: 'a', timestamp: '2016-01-01T00:00:00.000Z', sentAt: '2016-01-01T00:00:05.000Z' });
    expect(result.ok && result.event.timestamp).toBe(receivedAt - 5000);
    expect(result.ok && result.event.originalTimestamp).toBe(Date.parse('2016-01-01T00:00:00.000Z'));
  });

  it('uses the batch sentAt when the message has none', () => {
    const result = normalize({ type: 'page', anonymousId: 'a', timestamp: 1000 }, { batchSentAt: 3000 });
    expect(result.ok && result.event.timestamp).toBe(receivedAt - 2000);
  });

  it('refuses a timestamp in 1970 without sentAt, naming the field', () => {
    const result = normalize({ type: 'track', event: 'x', anonymousId: 'a', timestamp: '1970-01-02T00:00:00Z' });
    expect(result).toMatchObject({ ok: false, reason: 'bad_timestamp', errors: [{ field: 'timestamp', problem: expect.stringContaining('before 2000-01-01') }] });
  });

  it('refuses a timestamp far in the future', () => {
    const result = normalize({ type: 'track', event: 'x', anonymousId: 'a', timestamp: '2030-01-01T00:00:00Z' });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'timestamp', problem: expect.stringContaining('in the future') }] });
  });

  it('refuses an unreadable timestamp', () => {
    const result = normalize({ type: 'track', event: 'x', anonymousId: 'a', timestamp: 'yesterday-ish' });
    expect(result).toMatchObject({ ok: false, reason: 'bad_timestamp', errors: [{ field: 'timestamp' }] });
  });

  it('requires userId or anonymousId', () => {
    expect(normalize({ type: 'track', event: 'x' })).toMatchObject({ ok: false, reason: 'missing_identifier', errors: [{ field: 'userId' }] });
    expect(normalize({ type: 'track', event: 'x', userId: '   ' })).toMatchObject({ ok: false, reason: 'missing_identifier' });
  });

  it('names the field and the problem of a wrong type', () => {
    const result = normalize({ type: 'track', event: 12, anonymousId: 'a' });
    expect(result).toMatchObject({ ok: false, reason: 'schema', errors: [{ field: 'event' }] });
  });

  it('refuses unknown message types and types that do not match the route', () => {
    expect(normalize({ type: 'purchase', anonymousId: 'a' })).toMatchObject({ ok: false, reason: 'bad_type', errors: [{ field: 'type' }] });
    expect(normalize({ type: 'page', anonymousId: 'a' }, { routeType: 'track' })).toMatchObject({ ok: false, reason: 'bad_type' });
  });

  it('refuses an event over 32 KB and deep nesting', () => {
    const big = normalize({ type: 'track', event: 'x', anonymousId: 'a', properties: { blob: 'x'.repeat(33 * 1024) } });
    expect(big).toMatchObject({ ok: false, reason: 'too_large' });
    let nested: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 30; i++) nested = { n: nested };
    const deep = normalize({ type: 'track', event: 'x', anonymousId: 'a', properties: nested });
    expect(deep).toMatchObject({ ok: false, reason: 'too_deep', errors: [{ field: expect.stringMatching(/^properties\.n\.n/) }] });
  });

  it('refuses strings that are not well-formed Unicode, naming the field', () => {
    expect(normalize({ type: 'track', event: 'x', anonymousId: 'a', messageId: 'id-\ud800' })).toMatchObject({ ok: false, reason: 'bad_unicode', errors: [{ field: 'messageId' }] });
    expect(normalize({ type: 'track', event: 'x', anonymousId: 'a', properties: { ['k\udc00']: 1 } })).toMatchObject({ ok: false, reason: 'bad_unicode', errors: [{ field: 'properties.k\udc00' }] });
  });

  it('refuses a non-object', () => {
    expect(normalize('track')).toMatchObject({ ok: false, reason: 'not_object' });
    expect(normalize([1, 2])).toMatchObject({ ok: false, reason: 'not_object' });
  });

  it('keeps unicode, emoji and SQL-looking strings as they are', () => {
    const name = "Robert'); DROP TABLE events;-- 👟 Ünïcødé";
    const result = normalize({ type: 'identify', userId: name, traits: { name } });
    expect(result.ok && result.event.userId).toBe(name);
    expect(result.ok && result.event.traits.name).toBe(name);
  });

  it('resolves the channel from context, from Segment\'s channel, or defaults to web', () => {
    expect(normalize({ type: 'page', anonymousId: 'a', context: { channel: 'kiosk' } })).toMatchObject({ event: { channel: 'kiosk' } });
    expect(normalize({ type: 'page', anonymousId: 'a', channel: 'mobile' })).toMatchObject({ event: { channel: 'app' } });
    expect(normalize({ type: 'page', anonymousId: 'a' })).toMatchObject({ event: { channel: 'web' } });
    expect(normalize({ type: 'page', anonymousId: 'a', context: { channel: 'fax' } })).toMatchObject({ ok: false, errors: [{ field: 'context.channel' }] });
  });

  it('needs previousId and userId on alias', () => {
    expect(normalize({ type: 'alias', previousId: 'anon-1', userId: 'u-1' })).toMatchObject({ ok: true, event: { previousId: 'anon-1', userId: 'u-1' } });
    expect(normalize({ type: 'alias', anonymousId: 'x', userId: 'u-1' })).toMatchObject({ ok: false });
  });
});
