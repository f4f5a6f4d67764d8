import { resolve } from 'node:path';
import { DEFAULT_FLUSH, DEFAULT_SLICE_MS } from '../ingestion/ingestion-pipeline.js';
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
  /** Whether the server maps the store's identities and profile states into memory at start (store-prewarm.ts). */
  prewarm: boolean;
  /** Time the writer spends per transaction before it lets requests in (IngestionPipeline's sliceMs). */
  writeSliceMs: number;
  /** When the writer saves the profile states it holds: every `intervalMs`, or once `maxHeld` are held. */
  profileFlush: { intervalMs: number; maxHeld: number };
  decisions: DecisionSettings;
  delivery: DeliverySettings;
  recommendations: {
    /** The latest events of the log the recommendation models learn from at start. */
    warmUpEvents: number;
  };
}

/** The outbox's retry policy and the pushed channels; a channel left unset dead-letters its messages. */
export interface DeliverySettings {
  outbox: {
    /** Attempts before a message is dead. */
    maxAttempts: number;
    /** Milliseconds one attempt may take. */
    timeoutMs: number;
    /** The first retry waits up to this (full jitter), doubling per attempt up to `backoffMaxMs`. */
    backoffBaseMs: number;
    backoffMaxMs: number;
  };
  webhook?: SignedWebhookSettings;
  sms?: SignedWebhookSettings;
  email?: { smtpUrl: string; from: string };
  push?: { vapidPublicKey: string; vapidPrivateKey: string; subject: string };
}

export interface SignedWebhookSettings {
  url: string;
  /** Key of the HMAC-SHA256 signature the receiver checks. */
  secret: string;
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
  const prewarm = env.KAIROS_PREWARM ?? 'on';
  if (prewarm !== 'on' && prewarm !== 'off') throw Errors.invalidConfig('KAIROS_PREWARM', `must be "on" or "off", got "${prewarm}"`);
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
    prewarm: prewarm === 'on',
    writeSliceMs: parseInteger('KAIROS_WRITE_SLICE_MS', env.KAIROS_WRITE_SLICE_MS ?? DEFAULT_SLICE_MS, 1, 60_000),
    profileFlush: {
      intervalMs: parseInteger('KAIROS_PROFILE_FLUSH_MS', env.KAIROS_PROFILE_FLUSH_MS ?? DEFAULT_FLUSH.intervalMs, 10, 3_600_000),
      maxHeld: parseInteger('KAIROS_PROFILE_FLUSH_MAX', env.KAIROS_PROFILE_FLUSH_MAX ?? DEFAULT_FLUSH.maxHeld, 1, 10_000_000),
    },
    decisions: {
      globalDailyCap: parseInteger('KAIROS_GLOBAL_DAILY_CAP', env.KAIROS_GLOBAL_DAILY_CAP ?? 3, 1, 1000),
      channelDailyCaps: parseChannelCaps(env.KAIROS_CHANNEL_DAILY_CAPS ?? 'email=1,sms=1,push=2'),
      ...quietHoursSetting(env.KAIROS_QUIET_HOURS ?? '21:00-08:00'),
      lowStockThreshold: parseInteger('KAIROS_LOW_STOCK_AT', env.KAIROS_LOW_STOCK_AT ?? 5, 1, 1_000_000),
      ...weatherUrlSetting(env.KAIROS_WEATHER_URL),
    },
    delivery: deliverySettings(env),
    recommendations: {
      warmUpEvents: parseInteger('KAIROS_RECS_WARMUP_EVENTS', env.KAIROS_RECS_WARMUP_EVENTS ?? 2_000_000, 0, 1_000_000_000),
    },
  };
}

function deliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  const backoffBaseMs = parseInteger('KAIROS_OUTBOX_BACKOFF_BASE_MS', env.KAIROS_OUTBOX_BACKOFF_BASE_MS ?? 1000, 1, 3_600_000);
  const backoffMaxMs = parseInteger('KAIROS_OUTBOX_BACKOFF_MAX_MS', env.KAIROS_OUTBOX_BACKOFF_MAX_MS ?? 600_000, 1, 86_400_000);
  if (backoffMaxMs < backoffBaseMs) throw Errors.invalidConfig('KAIROS_OUTBOX_BACKOFF_MAX_MS', `must be at least KAIROS_OUTBOX_BACKOFF_BASE_MS (${backoffBaseMs})`);
  const webhook = signedWebhookSetting(env, 'KAIROS_WEBHOOK_URL', 'KAIROS_WEBHOOK_SECRET');
  const sms = signedWebhookSetting(env, 'KAIROS_SMS_WEBHOOK_URL', 'KAIROS_SMS_WEBHOOK_SECRET');
  const email = emailSetting(env);
  const push = pushSetting(env);
  return {
    outbox: {
      maxAttempts: parseInteger('KAIROS_OUTBOX_MAX_ATTEMPTS', env.KAIROS_OUTBOX_MAX_ATTEMPTS ?? 8, 1, 100),
      timeoutMs: parseInteger('KAIROS_OUTBOX_TIMEOUT_MS', env.KAIROS_OUTBOX_TIMEOUT_MS ?? 5000, 50, 120_000),
      backoffBaseMs,
      backoffMaxMs,
    },
    ...(webhook ? { webhook } : {}),
    ...(sms ? { sms } : {}),
    ...(email ? { email } : {}),
    ...(push ? { push } : {}),
  };
}

/** Variables that only make sense together: all set, or none; an empty value counts as unset. */
function allOrNone<K extends string>(env: NodeJS.ProcessEnv, names: readonly K[]): Record<K, string> | undefined {
  const values = names.map((name) => env[name]?.trim() || undefined);
  if (values.every((value) => value === undefined)) return undefined;
  const missing = names.filter((_name, index) => values[index] === undefined);
  if (missing.length > 0) throw Errors.invalidConfig(missing[0]!, `must be set together with ${names.filter((name) => !missing.includes(name)).join(', ')}`);
  return Object.fromEntries(names.map((name, index) => [name, values[index]!])) as Record<K, string>;
}

function signedWebhookSetting(env: NodeJS.ProcessEnv, urlName: string, secretName: string): SignedWebhookSettings | undefined {
  const values = allOrNone(env, [urlName, secretName]);
  if (!values) return undefined;
  const url = values[urlName]!;
  const secret = values[secretName]!;
  checkUrl(urlName, url, ['http:', 'https:']);
  if (secret.length < 16) throw Errors.invalidConfig(secretName, 'must be at least 16 characters (a random secret the receiver shares)');
  return { url, secret };
}

function emailSetting(env: NodeJS.ProcessEnv): DeliverySettings['email'] {
  const values = allOrNone(env, ['KAIROS_SMTP_URL', 'KAIROS_EMAIL_FROM']);
  if (!values) return undefined;
  checkUrl('KAIROS_SMTP_URL', values.KAIROS_SMTP_URL, ['smtp:', 'smtps:']);
  if (!/^(.*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(values.KAIROS_EMAIL_FROM)) {
    throw Errors.invalidConfig('KAIROS_EMAIL_FROM', `must be an address such as shop@example.com or "Shop <shop@example.com>", got "${values.KAIROS_EMAIL_FROM}"`);
  }
  return { smtpUrl: values.KAIROS_SMTP_URL, from: values.KAIROS_EMAIL_FROM };
}

function pushSetting(env: NodeJS.ProcessEnv): DeliverySettings['push'] {
  const values = allOrNone(env, ['KAIROS_VAPID_PUBLIC_KEY', 'KAIROS_VAPID_PRIVATE_KEY', 'KAIROS_VAPID_SUBJECT']);
  if (!values) return undefined;
  // The sizes web-push requires: an uncompressed P-256 point and a P-256 private scalar, URL-safe base64.
  checkBase64UrlKey('KAIROS_VAPID_PUBLIC_KEY', values.KAIROS_VAPID_PUBLIC_KEY, 65);
  checkBase64UrlKey('KAIROS_VAPID_PRIVATE_KEY', values.KAIROS_VAPID_PRIVATE_KEY, 32);
  if (!/^(mailto:|https:\/\/)/.test(values.KAIROS_VAPID_SUBJECT)) {
    throw Errors.invalidConfig('KAIROS_VAPID_SUBJECT', `must be a mailto: or https: URL the push services can reach you at, got "${values.KAIROS_VAPID_SUBJECT}"`);
  }
  return { vapidPublicKey: values.KAIROS_VAPID_PUBLIC_KEY, vapidPrivateKey: values.KAIROS_VAPID_PRIVATE_KEY, subject: values.KAIROS_VAPID_SUBJECT };
}

function checkUrl(name: string, raw: string, protocols: string[]): void {
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw Errors.invalidConfig(name, `"${raw}" is not a URL`);
  }
  if (!protocols.includes(protocol)) throw Errors.invalidConfig(name, `must be a ${protocols.map((item) => item.slice(0, -1)).join(' or ')} URL, got "${raw}"`);
}

function checkBase64UrlKey(name: string, raw: string, bytes: number): void {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(raw) || Buffer.from(raw, 'base64url').length !== bytes) {
    throw Errors.invalidConfig(name, `must be ${bytes} bytes in URL-safe base64, as \`npx web-push generate-vapid-keys\` prints`);
  }
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
