import webPush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startHttpReceiver, type HttpReceiver } from '../test-support/http-receiver.js';
import { browserSubscription } from '../test-support/push-browser.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('a push subscription the push service says is gone', () => {
  let server: TestServer | undefined;
  let pushService: HttpReceiver | undefined;
  afterEach(async () => {
    await server?.dispose();
    await pushService?.close();
  });

  it('is removed from the profile through its history, and the message is dead', async () => {
    pushService = await startHttpReceiver((request) => (request.path.endsWith('/old-phone') ? 410 : 201));
    const vapid = webPush.generateVAPIDKeys();
    server = await startTestServer({ KAIROS_VAPID_PUBLIC_KEY: vapid.publicKey, KAIROS_VAPID_PRIVATE_KEY: vapid.privateKey, KAIROS_VAPID_SUBJECT: 'mailto:crm@shop.example' });
    const old = browserSubscription(`${pushService.url}/push/old-phone`).subscription;
    await server.request('POST', '/v1/track', { body: { userId: 'mia', event: 'Push Subscription Added', properties: { subscription: old } } });
    const profileId = (await server.request('GET', '/v1/profiles/mia', { auth: 'admin' })).body.id as string;
    const [message] = await server.kairos.outbox.enqueue([
      { idempotencyKey: 'gone-test', decisionId: 'dec_1', profileId, campaignId: 'cmp_1', variantId: 'v', kind: 'custom', channel: 'push', recipient: { userId: 'mia', pushSubscriptions: [old] }, content: { body: 'Hello' } },
    ]);
    await eventually(async () => {
      const history = (await server!.request('GET', '/v1/profiles/mia', { auth: 'admin' })).body.latestEvents as Array<{ name: string; properties: { endpoint?: string } }>;
      expect(history.find((event) => event.name === 'Push Subscription Removed')?.properties.endpoint).toBe(old.endpoint);
    });
    expect((await server.kairos.profiles.findState([{ type: 'userId', value: 'mia' }]))?.pushSubscriptions).toEqual([]);
    expect((await server.request('GET', `/v1/outbox/${message!.id}`, { auth: 'admin' })).body.status).toBe('dead');
  });
});
