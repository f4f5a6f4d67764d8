/** The channels Kairos distinguishes; `context.channel` on an event, `web` when absent. */
export const CHANNELS = ['web', 'app', 'store', 'pos', 'email', 'sms', 'push', 'call_center', 'kiosk'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type JsonObject = Record<string, unknown>;

/**
 * An event after validation and normalisation: identifiers are strings, times are epoch milliseconds
 * with the client's clock skew corrected, and the channel is resolved. This is what the event log stores.
 */
export interface KairosEvent {
  messageId: string;
  type: EventType;
  /** The track event's name, or the page/screen name. */
  name?: string;
  userId?: string;
  anonymousId?: string;
  /** alias: the identifier the user was known by before. */
  previousId?: string;
  groupId?: string;
  properties: JsonObject;
  traits: JsonObject;
  context: JsonObject;
  /** Skew-corrected time the event happened. */
  timestamp: number;
  /** Time the server received it. */
  receivedAt: number;
  /** Time the client sent it, when the client said. */
  sentAt?: number;
  /** The timestamp the client claimed, before correction. */
  originalTimestamp?: number;
  channel: Channel;
  storeId?: string;
}

/** An event as stored: with its position in the log, the profile it resolved to and its session. */
export interface StoredEvent extends KairosEvent {
  seq: number;
  profileId: string;
  sessionId: string;
}
