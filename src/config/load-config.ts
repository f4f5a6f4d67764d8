import { resolve } from 'node:path';
import { Errors } from '../shared/errors.js';

export interface KairosConfig {
  port: number;
  host: string;
  dataDir: string;
  /** When undefined, keys are generated on first start and kept in the data dir. */
  writeKey?: string;
  adminKey?: string;
  synchronous: 'normal' | 'full';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** IANA zone of the retailer: where "today" starts for product counters. */
  timeZone: string;
  identity: {
    /** An identifier that has already joined this many profiles is not merged on any more. */
    maxProfilesPerIdentifier: number;
    /** Values never used as identifiers (compared after normalisation). */
    blockedValues: string[];
  };
  /** Profiles kept in memory by the single writer. */
  profileCacheSize: number;
  decisions: DecisionSettings;
}

/** Rules every decision obeys, over all campaigns. */
export interface DecisionSettings {
  /** Interventions per profile over the last 24 hours, all channels together. */
  globalDailyCap: number;
  /** Per delivery channel, interventions per profile over the last 24 hours. */
  channelDailyCaps: Record<string, number>;
  /** Minutes of the customer's local day when nothing is pushed (email, sms, push, webhook); undefined: none. */
  quietHours?: { startMinute: number; endMinute: number };
  /** Urgency ("only 3 left") is shown only when stock is at or below this, and above 0. */
  lowStockThreshold: number;
  /** An Open-Meteo-compatible forecast URL with {latitude} and {longitude}; no weather facts when unset. */
  weatherUrl?: string;
}

export interface ConfigOverrides {
  port?: number | string;
  host?: string;
  dataDir?: string;
}

const DEFAULT_BLOCKED_VALUES = [
  'null',
  'undefined',
  'none',
  'nil',
  'n/a',
  'na',
  '0',
  'unknown',
  'anonymous',
  'test@test.com',
  'test@example.com',
  'noemail@noemail.com',
  'no@email.com',
  'email@email.com',
  'user@example.com',
  '0000000000',
  '1234567890',
];

/**
 * The only reader of process.env. CLI options win over the environment, which wins over defaults.
 * Throws KAIROS_INVALID_CONFIG naming the variable when a value is unusable.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): KairosConfig {
  const port = parseInteger('port / KAIROS_PORT', overrides.port ?? env.KAIROS_PORT ?? 8080, 0, 65535);
  const synchronous = env.KAIROS_SYNC ?? 'normal';
  if (synchronous !== 'normal' && synchronous !== 'full') {
    throw Errors.invalidConfig('KAIROS_SYNC', `must be "normal" or "full", got "${synchronous}"`);
  }
  const logLevel = env.KAIROS_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw Errors.invalidConfig('KAIROS_LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }
  const timeZone = env.KAIROS_TIMEZONE ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw Errors.invalidConfig('KAIROS_TIMEZONE', `"${timeZone}" is not an IANA time zone such as Europe/Amsterdam`);
  }
  const extraBlocked = (env.KAIROS_IDENTITY_BLOCKED_VALUES ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean);
  return {
    port,
    host: overrides.host ?? env.KAIROS_HOST ?? '0.0.0.0',
    dataDir: resolve(overrides.dataDir ?? env.KAIROS_DATA_DIR ?? './.kairos'),
    writeKey: nonEmpty('KAIROS_WRITE_KEY', env.KAIROS_WRITE_KEY),
    adminKey: nonEmpty('KAIROS_ADMIN_KEY', env.KAIROS_ADMIN_KEY),
    synchronous,
    logLevel: logLevel as KairosConfig['logLevel'],
    timeZone,
    identity: {
      maxProfilesPerIdentifier: parseInteger(
        'KAIROS_IDENTITY_MAX_PROFILES_PER_IDENTIFIER',
        env.KAIROS_IDENTITY_MAX_PROFILES_PER_IDENTIFIER ?? 3,
        1,
        1000,
      ),
      blockedValues: [...DEFAULT_BLOCKED_VALUES, ...extraBlocked],
    },
    profileCacheSize: parseInteger('KAIROS_PROFILE_CACHE_SIZE', env.KAIROS_PROFILE_CACHE_SIZE ?? 50_000, 1, 10_000_000),
    decisions: {
      globalDailyCap: parseInteger('KAIROS_GLOBAL_DAILY_CAP', env.KAIROS_GLOBAL_DAILY_CAP ?? 3, 1, 1000),
      channelDailyCaps: parseChannelCaps(env.KAIROS_CHANNEL_DAILY_CAPS ?? 'email=1,sms=1,push=2'),
      ...quietHoursSetting(env.KAIROS_QUIET_HOURS ?? '21:00-08:00'),
      lowStockThreshold: parseInteger('KAIROS_LOW_STOCK_AT', env.KAIROS_LOW_STOCK_AT ?? 5, 1, 1_000_000),
      ...weatherUrlSetting(env.KAIROS_WEATHER_URL),
    },
  };
}

/** `email=1,sms=1,push=2` → { email: 1, sms: 1, push: 2 }. */
function parseChannelCaps(raw: string): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const part of raw.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [channel, count] = part.split('=');
    if (!channel || count === undefined) throw Errors.invalidConfig('KAIROS_CHANNEL_DAILY_CAPS', `"${part}" is not channel=count, e.g. email=1`);
    caps[channel.trim()] = parseInteger(`KAIROS_CHANNEL_DAILY_CAPS (${channel.trim()})`, count.trim(), 1, 1000);
  }
  return caps;
}

function weatherUrlSetting(raw: string | undefined): { weatherUrl?: string } {
  if (raw === undefined || raw.trim() === '') return {};
  if (!/^https?:\/\//.test(raw) || !raw.includes('{latitude}') || !raw.includes('{longitude}')) {
    throw Errors.invalidConfig('KAIROS_WEATHER_URL', 'must be an http(s) URL containing {latitude} and {longitude}');
  }
  return { weatherUrl: raw.trim() };
}

/** `21:00-08:00` → minutes of the day; `off` → no quiet hours. */
function quietHoursSetting(raw: string): { quietHours?: { startMinute: number; endMinute: number } } {
  if (raw.trim().toLowerCase() === 'off') return {};
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  if (!match) throw Errors.invalidConfig('KAIROS_QUIET_HOURS', `must be HH:MM-HH:MM (e.g. 21:00-08:00) or off, got "${raw}"`);
  const [, startHour, startMinute, endHour, endMinute] = match.map(Number) as [number, number, number, number, number];
  return { quietHours: { startMinute: startHour * 60 + startMinute, endMinute: endHour * 60 + endMinute } };
}

function parseInteger(name: string, raw: number | string, min: number, max: number): number {
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw Errors.invalidConfig(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim().length < 8) throw Errors.invalidConfig(name, 'must be at least 8 characters');
  return value.trim();
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
