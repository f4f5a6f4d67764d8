import type { DeliverySettings } from '../../config/load-config.js';
import type { Clock } from '../../shared/clock.js';
import type { LiveSessionHub } from '../live-session-hub.js';
import type { DeliveryChannelName, OutboxMessage } from '../outbox-message.js';
import { PermanentDeliveryError, type DeliveryChannel } from './delivery-channel.js';
import { EmailChannel } from './email-channel.js';
import { LiveSessionChannel } from './live-session-channel.js';
import { SmsWebhookChannel } from './sms-webhook-channel.js';
import { WebPushChannel } from './web-push-channel.js';
import { WebhookChannel } from './webhook-channel.js';

export type DeliveryChannels = Record<DeliveryChannelName, DeliveryChannel>;

/** A channel whose settings are missing: its messages are dead at once, saying what to set. */
function unconfigured(channel: DeliveryChannelName, variables: string): DeliveryChannel {
  return { send: () => Promise.reject(new PermanentDeliveryError(`the ${channel} channel is not configured: set ${variables}`)) };
}

/** Every delivery channel, from the config. */
export function buildDeliveryChannels(
  settings: DeliverySettings,
  hub: LiveSessionHub,
  clock: Clock,
  onPushSubscriptionGone?: (message: OutboxMessage, endpoint: string) => void,
): DeliveryChannels {
  const live = new LiveSessionChannel(hub);
  return {
    web: live,
    app: live,
    kiosk: live,
    webhook: settings.webhook ? new WebhookChannel(settings.webhook, clock) : unconfigured('webhook', 'KAIROS_WEBHOOK_URL and KAIROS_WEBHOOK_SECRET'),
    sms: settings.sms ? new SmsWebhookChannel(settings.sms, clock) : unconfigured('sms', 'KAIROS_SMS_WEBHOOK_URL and KAIROS_SMS_WEBHOOK_SECRET'),
    email: settings.email ? new EmailChannel(settings.email, settings.outbox.timeoutMs) : unconfigured('email', 'KAIROS_SMTP_URL and KAIROS_EMAIL_FROM'),
    push: settings.push ? new WebPushChannel(settings.push, onPushSubscriptionGone) : unconfigured('push', 'KAIROS_VAPID_PUBLIC_KEY, KAIROS_VAPID_PRIVATE_KEY and KAIROS_VAPID_SUBJECT'),
  };
}
