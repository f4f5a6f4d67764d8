import webPush from 'web-push';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults of the issue when nothing is set', () => {
    const config = loadConfig({}, {});
    expect(config.port).toBe(8080);
    expect(config.dataDir.endsWith('.kairos')).toBe(true);
    expect(config.writeKey).toBeUndefined();
    expect(config.identity.blockedValues).toContain('test@test.com');
    expect(config.prewarm).toBe(true);
    expect(loadConfig({}, { KAIROS_PREWARM: 'off' }).prewarm).toBe(false);
  });

  it('lets CLI options win over the environment', () => {
    const config = loadConfig({ port: '9090', dataDir: '/tmp/k' }, { KAIROS_PORT: '7070', KAIROS_DATA_DIR: '/tmp/x' });
    expect(config.port).toBe(9090);
    expect(config.dataDir).toBe('/tmp/k');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({}, { KAIROS_PORT: 'eighty' })).toThrow(/KAIROS_PORT.*eighty/);
    expect(() => loadConfig({}, { KAIROS_TIMEZONE: 'Mars/Olympus' })).toThrow(/KAIROS_TIMEZONE/);
    expect(() => loadConfig({}, { KAIROS_WRITE_KEY: 'short' })).toThrow(/KAIROS_WRITE_KEY.*8 characters/);
    expect(() => loadConfig({}, { KAIROS_SYNC: 'sometimes' })).toThrow(/KAIROS_SYNC/);
    expect(() => loadConfig({}, { KAIROS_PREWARM: 'yes' })).toThrow(/KAIROS_PREWARM.*"on" or "off".*yes/);
    expect(() => loadConfig({}, { KAIROS_QUIET_HOURS: '9pm-8am' })).toThrow(/KAIROS_QUIET_HOURS.*HH:MM-HH:MM/);
    expect(() => loadConfig({}, { KAIROS_CHANNEL_DAILY_CAPS: 'email' })).toThrow(/KAIROS_CHANNEL_DAILY_CAPS.*channel=count/);
    expect(() => loadConfig({}, { KAIROS_CHANNEL_DAILY_CAPS: 'sms=lots' })).toThrow(/KAIROS_CHANNEL_DAILY_CAPS \(sms\)/);
    expect(() => loadConfig({}, { KAIROS_WEATHER_URL: 'https://api.open-meteo.com/v1/forecast' })).toThrow(/KAIROS_WEATHER_URL.*\{latitude\}/);
    expect(loadConfig({}, { KAIROS_WEATHER_URL: 'http://127.0.0.1:9/w?lat={latitude}&lon={longitude}' }).decisions.weatherUrl).toBe('http://127.0.0.1:9/w?lat={latitude}&lon={longitude}');
  });

  it('reads when held profile states are saved, and refuses an interval under 10 ms', () => {
    expect(loadConfig({}, {}).profileFlush).toEqual({ intervalMs: 1000, maxHeld: 20_000 });
    expect(loadConfig({}, { KAIROS_PROFILE_FLUSH_MS: '5000', KAIROS_PROFILE_FLUSH_MAX: '500' }).profileFlush).toEqual({ intervalMs: 5000, maxHeld: 500 });
    expect(() => loadConfig({}, { KAIROS_PROFILE_FLUSH_MS: '1' })).toThrow(/KAIROS_PROFILE_FLUSH_MS/);
    expect(() => loadConfig({}, { KAIROS_PROFILE_FLUSH_MAX: 'many' })).toThrow(/KAIROS_PROFILE_FLUSH_MAX.*many/);
  });

  it('reads the decision rules: global and channel caps, quiet hours, the low-stock threshold', () => {
    expect(loadConfig({}, {}).decisions).toEqual({
      globalDailyCap: 3,
      channelDailyCaps: { email: 1, sms: 1, push: 2 },
      quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 },
      lowStockThreshold: 5,
    });
    const custom = loadConfig({}, { KAIROS_GLOBAL_DAILY_CAP: '5', KAIROS_CHANNEL_DAILY_CAPS: 'push=4', KAIROS_QUIET_HOURS: 'off', KAIROS_LOW_STOCK_AT: '10' }).decisions;
    expect(custom).toEqual({ globalDailyCap: 5, channelDailyCaps: { push: 4 }, lowStockThreshold: 10 });
  });

  describe('delivery', () => {
    const vapid = webPush.generateVAPIDKeys();
    const push = { KAIROS_VAPID_PUBLIC_KEY: vapid.publicKey, KAIROS_VAPID_PRIVATE_KEY: vapid.privateKey, KAIROS_VAPID_SUBJECT: 'mailto:ops@shop.example' };

    it('retries 8 times over 5 s attempts from 1 s up to 10 min, and configures no pushed channel by default', () => {
      expect(loadConfig({}, {}).delivery).toEqual({ outbox: { maxAttempts: 8, timeoutMs: 5000, backoffBaseMs: 1000, backoffMaxMs: 600_000 } });
    });

    it('reads every channel when it is set completely', () => {
      const delivery = loadConfig({}, {
        KAIROS_OUTBOX_MAX_ATTEMPTS: '3',
        KAIROS_OUTBOX_TIMEOUT_MS: '200',
        KAIROS_OUTBOX_BACKOFF_BASE_MS: '1',
        KAIROS_OUTBOX_BACKOFF_MAX_MS: '50',
        KAIROS_WEBHOOK_URL: 'https://hooks.shop.example/kairos',
        KAIROS_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
        KAIROS_SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
        KAIROS_SMS_WEBHOOK_SECRET: 'smssec_0123456789abcdef',
        KAIROS_SMTP_URL: 'smtp://127.0.0.1:2525',
        KAIROS_EMAIL_FROM: 'Shop <shop@example.com>',
        ...push,
      }).delivery;
      expect(delivery).toEqual({
        outbox: { maxAttempts: 3, timeoutMs: 200, backoffBaseMs: 1, backoffMaxMs: 50 },
        webhook: { url: 'https://hooks.shop.example/kairos', secret: 'whsec_0123456789abcdef' },
        sms: { url: 'http://127.0.0.1:9/sms', secret: 'smssec_0123456789abcdef' },
        email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'Shop <shop@example.com>' },
        push: { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@shop.example' },
      });
    });

    it.each([
      [{ KAIROS_OUTBOX_MAX_ATTEMPTS: '0' }, /KAIROS_OUTBOX_MAX_ATTEMPTS.*1 to 100/],
      [{ KAIROS_OUTBOX_TIMEOUT_MS: '5s' }, /KAIROS_OUTBOX_TIMEOUT_MS.*integer/],
      [{ KAIROS_OUTBOX_BACKOFF_BASE_MS: '0' }, /KAIROS_OUTBOX_BACKOFF_BASE_MS/],
      [{ KAIROS_OUTBOX_BACKOFF_BASE_MS: '5000', KAIROS_OUTBOX_BACKOFF_MAX_MS: '1000' }, /KAIROS_OUTBOX_BACKOFF_MAX_MS.*at least/],
      [{ KAIROS_WEBHOOK_URL: 'https://hooks.shop.example' }, /KAIROS_WEBHOOK_SECRET.*together with KAIROS_WEBHOOK_URL/],
      [{ KAIROS_WEBHOOK_URL: 'ftp://hooks.shop.example', KAIROS_WEBHOOK_SECRET: 'x'.repeat(16) }, /KAIROS_WEBHOOK_URL.*http or https/],
      [{ KAIROS_WEBHOOK_URL: 'not a url', KAIROS_WEBHOOK_SECRET: 'x'.repeat(16) }, /KAIROS_WEBHOOK_URL.*not a URL/],
      [{ KAIROS_WEBHOOK_URL: 'https://hooks.shop.example', KAIROS_WEBHOOK_SECRET: 'short' }, /KAIROS_WEBHOOK_SECRET.*16 characters/],
      [{ KAIROS_SMS_WEBHOOK_SECRET: 'x'.repeat(16) }, /KAIROS_SMS_WEBHOOK_URL.*together/],
      [{ KAIROS_SMTP_URL: 'http://mail.example', KAIROS_EMAIL_FROM: 'shop@example.com' }, /KAIROS_SMTP_URL.*smtp or smtps/],
      [{ KAIROS_SMTP_URL: 'smtp://mail.example', KAIROS_EMAIL_FROM: 'the shop' }, /KAIROS_EMAIL_FROM.*address/],
      [{ KAIROS_SMTP_URL: 'smtp://mail.example' }, /KAIROS_EMAIL_FROM.*together/],
      [{ ...push, KAIROS_VAPID_PRIVATE_KEY: undefined }, /KAIROS_VAPID_PRIVATE_KEY.*together with KAIROS_VAPID_PUBLIC_KEY, KAIROS_VAPID_SUBJECT/],
      [{ ...push, KAIROS_VAPID_PUBLIC_KEY: 'abc' }, /KAIROS_VAPID_PUBLIC_KEY.*65 bytes/],
      [{ ...push, KAIROS_VAPID_SUBJECT: 'ops@shop.example' }, /KAIROS_VAPID_SUBJECT.*mailto/],
    ])('names the delivery variable that is wrong: %j', (env, problem) => {
      expect(() => loadConfig({}, env)).toThrow(problem);
    });
  });
});
