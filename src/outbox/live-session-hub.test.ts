import { afterEach, describe, expect, it } from 'vitest';
import { LiveSessionHub, liveSessionKeys, type LiveConnection } from './live-session-hub.js';

function connection(): LiveConnection & { chunks: string[]; ended: boolean } {
  const fake = { chunks: [] as string[], ended: false, write: (chunk: string) => fake.chunks.push(chunk), end: () => (fake.ended = true) };
  return fake;
}

describe('LiveSessionHub', () => {
  let hub: LiveSessionHub;
  afterEach(() => hub.closeAll());

  it('sends an event once to every stream known by any of the keys, as an SSE frame', () => {
    hub = new LiveSessionHub();
    const page = connection();
    const tab = connection();
    const stranger = connection();
    hub.open(liveSessionKeys({ userId: 'sarah', anonymousId: 'a1', profileId: 'prf_1' }), page);
    hub.open(liveSessionKeys({ anonymousId: 'a2', profileId: 'prf_1' }), tab);
    hub.open(liveSessionKeys({ anonymousId: 'a3' }), stranger);

    expect(hub.publish(liveSessionKeys({ userId: 'sarah', anonymousId: 'a1', profileId: 'prf_1' }), 'intervention', { messageId: 'msg_1' })).toBe(2);
    expect(page.chunks).toEqual(['event: intervention\ndata: {"messageId":"msg_1"}\n\n']);
    expect(tab.chunks).toEqual(page.chunks);
    expect(stranger.chunks).toEqual([]);
    expect(hub.publish(liveSessionKeys({ userId: 'nobody' }), 'intervention', {})).toBe(0);
  });

  it('forgets a closed stream, and ends all of them on closeAll', () => {
    hub = new LiveSessionHub();
    const first = connection();
    const second = connection();
    const close = hub.open(['anonymousId:a1'], first);
    hub.open(['anonymousId:a1'], second);
    close();
    expect(hub.publish(['anonymousId:a1'], 'intervention', {})).toBe(1);
    expect(first.chunks).toEqual([]);
    hub.closeAll();
    expect(second.ended).toBe(true);
    expect(hub.openCount).toBe(0);
    expect(hub.publish(['anonymousId:a1'], 'intervention', {})).toBe(0);
  });

  it('writes a keep-alive comment to every open stream on its interval', async () => {
    hub = new LiveSessionHub(20);
    const page = connection();
    hub.open(['anonymousId:a1'], page);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(page.chunks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(page.chunks)).toEqual(new Set([': keep-alive\n\n']));
  });
});
