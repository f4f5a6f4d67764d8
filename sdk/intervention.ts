/** What Kairos asks a page to show: a decided intervention, from POST /v1/decide or the live stream. */
export interface Intervention {
  campaignId: string;
  variantId: string;
  kind: string;
  channel: string;
  content: { title?: string; body: string; cta?: { label: string; url: string }; imageUrl?: string };
}

/** Where an intervention came from: the stream names the message, both name the decision. */
export interface InterventionSource {
  messageId?: string;
  decisionId?: string;
}

/** Kinds shown as a banner at the top of the page (or in its placement slot); every other kind is a corner toast. */
const BANNER_KINDS: ReadonlySet<string> = new Set(['custom', 'recommendations']);

export type InterventionLayout = 'banner' | 'overlay';

export function layoutOf(kind: string): InterventionLayout {
  return BANNER_KINDS.has(kind) ? 'banner' : 'overlay';
}

/** The properties of Intervention Viewed, Clicked and Dismissed: what lift needs to join them to the delivery. */
export function interventionProperties(intervention: Intervention, source: InterventionSource): Record<string, string> {
  return {
    ...source,
    campaignId: intervention.campaignId,
    variantId: intervention.variantId,
    kind: intervention.kind,
  };
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The intervention in a server message, or undefined when it is not one: the page must not break on
 * a message from a newer server or a proxy's error page.
 */
export function readIntervention(value: unknown): Intervention | undefined {
  if (!isRecord(value) || !isText(value.campaignId) || !isText(value.variantId) || !isText(value.kind) || !isRecord(value.content)) return undefined;
  const { title, body, cta, imageUrl } = value.content;
  if (!isText(body)) return undefined;
  return {
    campaignId: value.campaignId,
    variantId: value.variantId,
    kind: value.kind,
    channel: isText(value.channel) ? value.channel : 'web',
    content: {
      body,
      ...(isText(title) ? { title } : {}),
      ...(isRecord(cta) && isText(cta.label) && isText(cta.url) ? { cta: { label: cta.label, url: cta.url } } : {}),
      ...(isText(imageUrl) ? { imageUrl } : {}),
    },
  };
}

/** The stream's message and decision ids of an intervention message, when it has them. */
export function readSource(value: unknown): InterventionSource {
  if (!isRecord(value)) return {};
  return {
    ...(isText(value.messageId) ? { messageId: value.messageId } : {}),
    ...(isText(value.decisionId) ? { decisionId: value.decisionId } : {}),
  };
}

/**
 * A link target from the server that is safe to put in href or src: http(s) only, resolved against
 * the page, so a `javascript:` URL in a campaign can never run in the shop's page.
 */
export function safeHttpUrl(url: string, base: string): string | undefined {
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}
