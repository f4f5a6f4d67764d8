import { SDK_NAME, SDK_VERSION } from './version.js';

export type Properties = Record<string, unknown>;

/** Who the messages are about: the browser's anonymousId, and the userId once identified. */
export interface Identity {
  anonymousId: string;
  userId?: string;
}

/** What the browser says about the page and the shopper, read when a message is made. */
export interface BrowserEnvironment {
  page: { url: string; path: string; title: string; referrer: string };
  userAgent: string;
  locale: string;
  timezone: string;
}

export type Call =
  | { type: 'page'; name?: string; properties: Properties }
  | { type: 'track'; event: string; properties: Properties }
  | { type: 'identify'; traits: Properties };

/** A Segment-format message, as POST /v1/batch takes it. */
export type SegmentMessage = Call & {
  messageId: string;
  anonymousId: string;
  userId?: string;
  timestamp: string;
  sentAt?: string;
  context: {
    channel: 'web';
    page: BrowserEnvironment['page'];
    userAgent: string;
    locale: string;
    timezone: string;
    library: { name: string; version: string };
  };
};

/** Builds the message for one call; a page call carries the page's url, path, title and referrer as Segment's do. */
export function buildMessage(call: Call, identity: Identity, environment: BrowserEnvironment, at: Date, messageId: string): SegmentMessage {
  const body: Call = call.type === 'page' ? { ...call, properties: { ...environment.page, ...call.properties } } : call;
  return {
    ...body,
    messageId,
    anonymousId: identity.anonymousId,
    ...(identity.userId === undefined ? {} : { userId: identity.userId }),
    timestamp: at.toISOString(),
    context: {
      channel: 'web',
      page: environment.page,
      userAgent: environment.userAgent,
      locale: environment.locale,
      timezone: environment.timezone,
      library: { name: SDK_NAME, version: SDK_VERSION },
    },
  };
}

/**
 * The body of POST /v1/batch. The write key travels in the body rather than an Authorization header
 * so that, sent as text/plain, the request is a CORS "simple request" with no preflight (and a beacon,
 * which cannot set headers, carries it too).
 */
export function batchBody(messages: readonly SegmentMessage[], writeKey: string, sentAt: Date): string {
  const sent = sentAt.toISOString();
  return JSON.stringify({ batch: messages.map((message) => ({ ...message, sentAt: sent })), sentAt: sent, writeKey });
}
