import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test-support/eventually.js';
import { startTestServer } from '../../test-support/test-server.js';
import { sampleOutboxInput, sampleOutboxMessage } from '../outbox-fixtures.js';
import { PermanentDeliveryError } from './delivery-channel.js';
import { EmailChannel } from './email-channel.js';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Undoes quoted-printable, so the test reads the HTML as sent. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('EmailChannel against a real SMTP server', () => {
  const received: ReceivedMail[] = [];
  let server: SMTPServer;
  let smtpUrl: string;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('gone@')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the content as text and HTML to the recipient, with a Message-ID from the idempotency key', async () => {
    const channel = new EmailChannel({ smtpUrl, from: 'Shop <shop@example.com>' }, 5000);
    const message = sampleOutboxMessage('msg_1', { idempotencyKey: 'cart:prf_1:42', content: { title: 'Still thinking it over?', body: 'Your basket is waiting.', cta: { label: 'Back to basket', url: 'https://shop.example.com/cart?a=1&b=2' } } });
    await channel.send(message, new AbortController().signal);

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.from).toBe('shop@example.com');
    expect(mail.to).toEqual(['sarah@example.com']);
    const [headers = '', ...rest] = mail.raw.split(/\r?\n\r?\n/);
    expect(headers).toMatch(/^Subject: Still thinking it over\?$/m);
    expect(headers).toMatch(/^From: Shop <shop@example.com>$/m);
    expect(headers).toMatch(/^To: sarah@example.com$/m);
    const messageId = /^Message-ID: (<[0-9a-f]{40}@example\.com>)$/m.exec(headers)?.[1];
    expect(messageId).toBeDefined();
    const body = decodeQuotedPrintable(rest.join('\n\n'));
    expect(body).toContain('Content-Type: text/plain');
    expect(body).toContain('Your basket is waiting.');
    expect(body).toContain('Back to basket: https://shop.example.com/cart?a=1&b=2');
    expect(body).toContain('Content-Type: text/html');
    expect(body).toContain('<h1>Still thinking it over?</h1>');
    expect(body).toContain('<a href="https://shop.example.com/cart?a=1&amp;b=2">Back to basket</a>');

    // The same message again (a retry) carries the same Message-ID; another key another one.
    await channel.send(message, new AbortController().signal);
    await channel.send({ ...message, idempotencyKey: 'cart:prf_1:43' }, new AbortController().signal);
    expect(/^Message-ID: (.*)$/m.exec(received[1]!.raw)?.[1]).toBe(messageId);
    expect(/^Message-ID: (.*)$/m.exec(received[2]!.raw)?.[1]).not.toBe(messageId);
  });

  it('escapes HTML in the content', async () => {
    const channel = new EmailChannel({ smtpUrl, from: 'shop@example.com' }, 5000);
    await channel.send(sampleOutboxMessage('msg_2', { content: { body: '<script>alert(1)</script>' } }), new AbortController().signal);
    const body = decodeQuotedPrintable(received[received.length - 1]!.raw);
    const html = body.split('Content-Type: text/html')[1]!;
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).not.toContain('<script>');
    expect(body).toMatch(/^Subject: A message from us$/m);
  });

  it('fails for good without an address or when the server refuses the mailbox, and retryably when the server is down', async () => {
    const channel = new EmailChannel({ smtpUrl, from: 'shop@example.com' }, 5000);
    const noEmail = sampleOutboxMessage('msg_3', { recipient: { userId: 'u1' } });
    await expect(channel.send(noEmail, new AbortController().signal)).rejects.toThrow(PermanentDeliveryError);
    const refused = channel.send(sampleOutboxMessage('msg_4', { recipient: { email: 'gone@example.com' } }), new AbortController().signal);
    await expect(refused).rejects.toThrow(PermanentDeliveryError);
    await expect(refused).rejects.toThrow(/mailbox unavailable/);

    const down = new EmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: 'shop@example.com' }, 2000);
    const failure = await down.send(sampleOutboxMessage('msg_5'), new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentDeliveryError);
    expect((failure as Error).message).toMatch(/^SMTP failed: .*ECONNREFUSED/);
  });

  it('is what a running server sends an e-mail message with (KAIROS_SMTP_URL, KAIROS_EMAIL_FROM)', async () => {
    const server = await startTestServer({ KAIROS_SMTP_URL: smtpUrl, KAIROS_EMAIL_FROM: 'Shop <shop@example.com>' });
    try {
      const before = received.length;
      const [message] = await server.kairos.outbox.enqueue([sampleOutboxInput({ channel: 'email', recipient: { userId: 'sarah-1', email: 'sarah@example.com' } })]);
      await eventually(async () => expect((await server.request('GET', `/v1/outbox/${message!.id}`, { auth: 'admin' })).body.status).toBe('delivered'));
      expect(received.slice(before)).toMatchObject([{ from: 'shop@example.com', to: ['sarah@example.com'], raw: expect.stringContaining('Subject: Still thinking it over?') }]);
    } finally {
      await server.dispose();
    }
  });
});
