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
  });
});
