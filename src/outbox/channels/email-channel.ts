import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { OutboxContent, OutboxMessage } from '../outbox-message.js';
import { contentAsText } from './content-text.js';
import { PermanentDeliveryError, type DeliveryChannel } from './delivery-channel.js';
import { escapeHtml } from '../../shared/html.js';

const DEFAULT_SUBJECT = 'A message from us';

/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the idempotency key, so a message sent
 * twice (a retry after a lost answer) carries the same Message-ID and mail systems can recognise it.
 */
export class EmailChannel implements DeliveryChannel {
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly messageIdDomain: string;

  constructor(settings: { smtpUrl: string; from: string }, timeoutMs: number) {
    this.from = settings.from;
    this.transport = createTransport({ url: settings.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
    this.messageIdDomain = /@([^\s>]+)/.exec(settings.from)?.[1] ?? 'kairos.invalid';
  }

  async send(message: OutboxMessage, signal: AbortSignal): Promise<void> {
    const to = message.recipient.email;
    if (!to) throw new PermanentDeliveryError('the recipient has no e-mail address');
    signal.throwIfAborted();
    try {
      await this.transport.sendMail({
        from: this.from,
        to,
        subject: message.content.title ?? DEFAULT_SUBJECT,
        text: contentAsText(message.content),
        html: contentAsHtml(message.content),
        messageId: `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 40)}@${this.messageIdDomain}>`,
      });
    } catch (error) {
      const smtp = error as Error & { responseCode?: number };
      // An SMTP 5xx reply is the server refusing this message for good (unknown mailbox, policy).
      if (smtp.responseCode !== undefined && smtp.responseCode >= 500) throw new PermanentDeliveryError(`the SMTP server refused it: ${smtp.message}`);
      throw new Error(`SMTP failed: ${smtp.message}`);
    }
  }
}

function contentAsHtml(content: OutboxContent): string {
  return [
    content.title && `<h1>${escapeHtml(content.title)}</h1>`,
    content.imageUrl && `<img src="${escapeHtml(content.imageUrl)}" alt="">`,
    ...content.body.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`),
    content.cta && `<p><a href="${escapeHtml(content.cta.url)}">${escapeHtml(content.cta.label)}</a></p>`,
  ]
    .filter(Boolean)
    .join('\n');
}
