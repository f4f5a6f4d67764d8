import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults of the issue when nothing is set', () => {
    const config = loadConfig({}, {});
    expect(config.port).toBe(8080);
    expect(config.dataDir.endsWith('.kairos')).toBe(true);
    expect(config.writeKey).toBeUndefined();
    expect(config.identity.blockedValues).toContain('test@test.com');
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
    expect(() => loadConfig({}, { KAIROS_QUIET_HOURS: '9pm-8am' })).toThrow(/KAIROS_QUIET_HOURS.*HH:MM-HH:MM/);
    expect(() => loadConfig({}, { KAIROS_CHANNEL_DAILY_CAPS: 'email' })).toThrow(/KAIROS_CHANNEL_DAILY_CAPS.*channel=count/);
    expect(() => loadConfig({}, { KAIROS_CHANNEL_DAILY_CAPS: 'sms=lots' })).toThrow(/KAIROS_CHANNEL_DAILY_CAPS \(sms\)/);
    expect(() => loadConfig({}, { KAIROS_WEATHER_URL: 'https://api.open-meteo.com/v1/forecast' })).toThrow(/KAIROS_WEATHER_URL.*\{latitude\}/);
    expect(loadConfig({}, { KAIROS_WEATHER_URL: 'http://127.0.0.1:9/w?lat={latitude}&lon={longitude}' }).decisions.weatherUrl).toBe('http://127.0.0.1:9/w?lat={latitude}&lon={longitude}');
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
});
