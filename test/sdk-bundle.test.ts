import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SDK_VERSION } from '../sdk/version.js';
import { SDK_BUNDLE_PATH } from './e2e/browser-support.js';

describe('the built browser SDK (npm run build)', () => {
  it('is under 15 KB gzipped, as docs/delivery.md promises', () => {
    const gzipped = gzipSync(readFileSync(SDK_BUNDLE_PATH), { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(1000); // a real bundle, not an empty file
    expect(gzipped).toBeLessThan(15 * 1024);
  });

  it('is an ES module exporting Kairos and createKairos', () => {
    const source = readFileSync(SDK_BUNDLE_PATH, 'utf8');
    expect(source).toMatch(/export\s*\{[^}]*\bKairos\b[^}]*\}/);
    expect(source).toMatch(/export\s*\{[^}]*\bcreateKairos\b[^}]*\}/);
  });

  it('reports the package version as context.library.version', () => {
    expect(SDK_VERSION).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
