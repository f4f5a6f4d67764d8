import { interventionPayload } from '../intervention-payload.js';
import { liveSessionKeys, type LiveSessionHub } from '../live-session-hub.js';
import type { OutboxMessage } from '../outbox-message.js';
import type { DeliveryChannel } from './delivery-channel.js';

/** web, app and kiosk: the shopper's open streams. None open is a failure, retried until one opens or the message dies. */
export class LiveSessionChannel implements DeliveryChannel {
  constructor(private readonly hub: LiveSessionHub) {}

  async send(message: OutboxMessage): Promise<void> {
    const keys = liveSessionKeys({ userId: message.recipient.userId, anonymousId: message.recipient.anonymousId, profileId: message.profileId });
    if (this.hub.publish(keys, 'intervention', interventionPayload(message)) === 0) throw new Error('no live session of the shopper is open');
  }
}
