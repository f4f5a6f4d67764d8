import type { OutboxContent } from '../outbox-message.js';

/** The content as plain text, for SMS and the text part of e-mail: title, body, then the call to action with its link. */
export function contentAsText(content: OutboxContent): string {
  return [content.title, content.body, content.cta && `${content.cta.label}: ${content.cta.url}`].filter(Boolean).join('\n\n');
}
