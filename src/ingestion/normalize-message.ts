import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import type { ErrorDetail } from '../shared/errors.js';
import { CHANNELS, EVENT_TYPES, type Channel, type EventType, type JsonObject, type KairosEvent } from './kairos-event.js';
import { EARLIEST_TIMESTAMP, MAX_EVENT_BYTES, MAX_FUTURE_SKEW_MS, MAX_NESTING_DEPTH } from './ingestion-limits.js';
import { MESSAGE_SCHEMAS } from './segment-schemas.js';

const checkers = Object.fromEntries(
  Object.entries(MESSAGE_SCHEMAS).map(([type, schema]) => [type, TypeCompiler.Compile(schema as TSchema)]),
) as Record<EventType, TypeCheck<TSchema>>;

export interface NormalizeOptions {
  receivedAt: number;
  /** The type implied by the route (/v1/track → track); batch items carry their own. */
  routeType?: EventType;
  /** A batch's own sentAt, used when the message has none. */
  batchSentAt?: unknown;
  /** The batch's shared context, merged under each message's context. */
  batchContext?: JsonObject;
  /** Skip the per-message size check (the body size was already checked against the same limit). */
  sizeChecked?: boolean;
}

/** Why a message was refused, as a bounded label for metrics. */
export type RejectionReason = 'not_object' | 'too_large' | 'too_deep' | 'bad_unicode' | 'bad_type' | 'schema' | 'missing_identifier' | 'bad_timestamp';

export type NormalizeFailure = { ok: false; reason: RejectionReason; errors: ErrorDetail[] };
export type NormalizeResult = { ok: true; event: KairosEvent } | NormalizeFailure;

/**
 * Validates one Segment message and turns it into a KairosEvent. Errors name the field and the
 * problem; the caller adds the batch index.
 */
export function normalizeMessage(raw: unknown, options: NormalizeOptions): NormalizeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('', 'must be a JSON object', 'not_object');
  }
  const message = raw as JsonObject;
  if (!options.sizeChecked) {
    const bytes = Buffer.byteLength(JSON.stringify(message));
    if (bytes > MAX_EVENT_BYTES) return fail('', `is ${bytes} bytes; the limit per event is ${MAX_EVENT_BYTES} bytes`, 'too_large');
  }
  const structural = findStructuralProblem(message, '', 0);
  if (structural !== undefined) {
    return structural.kind === 'too_deep'
      ? fail(structural.path, `is nested deeper than ${MAX_NESTING_DEPTH} levels`, 'too_deep')
      : fail(structural.path, 'contains a lone UTF-16 surrogate, which is not valid Unicode and cannot be stored faithfully', 'bad_unicode');
  }

  const type = options.routeType ?? message.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return fail('type', `must be one of ${EVENT_TYPES.join(', ')}; got ${JSON.stringify(type ?? null)}`, 'bad_type');
  }
  if (options.routeType && message.type !== undefined && message.type !== options.routeType) {
    return fail('type', `is "${String(message.type)}" but was sent to the ${options.routeType} endpoint`, 'bad_type');
  }
  const checker = checkers[type as EventType];
  if (!checker.Check(message)) {
    const errors: ErrorDetail[] = [];
    for (const error of checker.Errors(message)) {
      const field = pointerToField(error.path);
      if (!errors.some((known) => known.field === field)) errors.push({ field, problem: error.message });
      if (errors.length === 5) break;
    }
    return { ok: false, reason: 'schema', errors };
  }

  const userId = identifier(message.userId);
  const anonymousId = identifier(message.anonymousId);
  const previousId = identifier(message.previousId);
  if (userId === undefined && anonymousId === undefined) {
    return fail('userId', 'either userId or anonymousId is required', 'missing_identifier');
  }
  if (type === 'alias' && (previousId === undefined || userId === undefined)) {
    return fail(previousId === undefined ? 'previousId' : 'userId', 'alias needs both previousId and userId', 'missing_identifier');
  }

  const times = correctClockSkew(message, options);
  if (!times.ok) return times;

  const context = options.batchContext ? { ...options.batchContext, ...(message.context as JsonObject | undefined) } : ((message.context as JsonObject | undefined) ?? {});
  const event: KairosEvent = {
    messageId: (message.messageId as string | undefined) ?? `kairos-${randomUUID()}`,
    type: type as EventType,
    properties: (message.properties as JsonObject | undefined) ?? {},
    traits: (message.traits as JsonObject | undefined) ?? {},
    context,
    timestamp: times.timestamp,
    receivedAt: options.receivedAt,
    channel: resolveChannel(context, message.channel),
  };
  const name = type === 'track' ? message.event : message.name;
  if (typeof name === 'string') event.name = name;
  if (userId !== undefined) event.userId = userId;
  if (anonymousId !== undefined) event.anonymousId = anonymousId;
  if (previousId !== undefined) event.previousId = previousId;
  const groupId = identifier(message.groupId);
  if (groupId !== undefined) event.groupId = groupId;
  if (times.sentAt !== undefined) event.sentAt = times.sentAt;
  if (times.originalTimestamp !== undefined) event.originalTimestamp = times.originalTimestamp;
  if (typeof context.storeId === 'string') event.storeId = context.storeId;
  return { ok: true, event };
}

type SkewResult = { ok: true; timestamp: number; sentAt?: number; originalTimestamp?: number } | NormalizeFailure;

/**
 * Segment's rule: when the client says both when the event happened and when it was sent, the
 * difference between its clock and ours is removed: timestamp = receivedAt − (sentAt − timestamp).
 */
function correctClockSkew(message: JsonObject, options: NormalizeOptions): SkewResult {
  const claimedField = message.timestamp !== undefined ? 'timestamp' : 'originalTimestamp';
  const claimed = parseTime(message.timestamp ?? message.originalTimestamp);
  if (claimed === null) return fail(claimedField, 'is not an ISO-8601 date-time or epoch milliseconds', 'bad_timestamp');
  const sentAtRaw = message.sentAt ?? options.batchSentAt;
  const sentAt = parseTime(sentAtRaw);
  if (sentAt === null) return fail('sentAt', 'is not an ISO-8601 date-time or epoch milliseconds', 'bad_timestamp');

  let timestamp = options.receivedAt;
  if (claimed !== undefined) timestamp = sentAt === undefined ? claimed : options.receivedAt - (sentAt - claimed);
  if (timestamp < EARLIEST_TIMESTAMP) {
    return fail(claimedField, `is ${new Date(timestamp).toISOString()}, before 2000-01-01: send milliseconds or ISO-8601, and sentAt so clock skew can be corrected`, 'bad_timestamp');
  }
  if (timestamp > options.receivedAt + MAX_FUTURE_SKEW_MS) {
    return fail(claimedField, `is ${new Date(timestamp).toISOString()}, more than 24 hours in the future; send sentAt so clock skew can be corrected`, 'bad_timestamp');
  }
  const result: SkewResult = { ok: true, timestamp };
  if (sentAt !== undefined) result.sentAt = sentAt;
  if (claimed !== undefined) result.originalTimestamp = claimed;
  return result;
}

/** undefined when absent, null when present but unreadable. */
function parseTime(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function identifier(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

const SEGMENT_CHANNELS: Record<string, Channel> = { mobile: 'app', browser: 'web', client: 'web', server: 'web' };

function resolveChannel(context: JsonObject, segmentChannel: unknown): Channel {
  const own = context.channel;
  if (typeof own === 'string' && (CHANNELS as readonly string[]).includes(own)) return own as Channel;
  if (typeof segmentChannel === 'string' && SEGMENT_CHANNELS[segmentChannel]) return SEGMENT_CHANNELS[segmentChannel];
  return 'web';
}

type StructuralProblem = { kind: 'too_deep' | 'bad_unicode'; path: string };

/**
 * One walk over the message for what no schema expresses: nesting deeper than MAX_NESTING_DEPTH, and
 * strings (keys or values) that are not well-formed Unicode — SQLite would store a lone surrogate as
 * U+FFFD, so a messageId would no longer match itself and a trait would silently change.
 */
function findStructuralProblem(value: unknown, path: string, depth: number): StructuralProblem | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : { kind: 'bad_unicode', path: path || '(root)' };
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_NESTING_DEPTH) return { kind: 'too_deep', path: path || '(root)' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findStructuralProblem(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in value) {
    const childPath = path ? `${path}.${key}` : key;
    if (!key.isWellFormed()) return { kind: 'bad_unicode', path: childPath };
    const found = findStructuralProblem((value as JsonObject)[key], childPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function pointerToField(pointer: string): string {
  return pointer.replace(/^\//, '').replace(/\//g, '.') || '(root)';
}

function fail(field: string, problem: string, reason: RejectionReason): NormalizeFailure {
  return { ok: false, reason, errors: [{ field: field || '(root)', problem }] };
}
