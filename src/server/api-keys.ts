import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KairosConfig } from '../config/load-config.js';
import type { ApiKeys } from './auth.js';

const KEYS_FILE = 'keys.json';

/**
 * Keys from the config when set; otherwise generated on the first start and kept in the data dir
 * (mode 0600). `generated` is true only on the start that created them, so they are printed once.
 */
export function loadOrCreateApiKeys(config: KairosConfig): { keys: ApiKeys; generated: boolean } {
  const file = join(config.dataDir, KEYS_FILE);
  let stored: Partial<ApiKeys> = {};
  let generated = false;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<ApiKeys>;
  } else if (config.writeKey === undefined || config.adminKey === undefined) {
    stored = { writeKey: `wk_${randomBytes(18).toString('base64url')}`, adminKey: `ak_${randomBytes(24).toString('base64url')}` };
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    generated = true;
  }
  return {
    keys: { writeKey: config.writeKey ?? stored.writeKey!, adminKey: config.adminKey ?? stored.adminKey! },
    generated,
  };
}
