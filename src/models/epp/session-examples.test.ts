import { describe, expect, it } from 'vitest';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { SessionExampleBuilder } from './session-examples.js';

const MINUTE = 60_000;
let sequence = 0;
function event(userId: string, name: string, minute: number, properties: Record<string, unknown> = { product_id: 'p1', category: 'c1' }): KairosEvent {
  return { type: 'track', name, userId, messageId: `m${++sequence}`, timestamp: minute * MINUTE, receivedAt: 0, channel: 'web', properties, context: {}, traits: {} } as unknown as KairosEvent;
}

describe('SessionExampleBuilder', () => {
  it('labels every click before a purchase positive, and none after it', () => {
    const builder = new SessionExampleBuilder();
    builder.add(event('u1', 'Product Viewed', 0));
    builder.add(event('u1', 'Product Added', 1));
    builder.add(event('u1', 'Order Completed', 2, { order_id: 'o1', products: [{ product_id: 'p1' }] }));
    builder.add(event('u1', 'Product Viewed', 3));
    builder.add(event('u2', 'Product Viewed', 100)); // pushes the end of the data past u1's timeout
    const { sessions } = builder.finish();
    const bought = sessions.find((session) => session.profileKey === 'u1')!;
    expect(bought.bought).toBe(true);
    expect(bought.examples.map((example) => [example.click, example.hasCartAdd])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('ends a session after 30 quiet minutes without a purchase as a negative', () => {
    const builder = new SessionExampleBuilder();
    builder.add(event('u1', 'Product Viewed', 0));
    builder.add(event('u1', 'Product Viewed', 45));
    builder.add(event('u1', 'Order Completed', 46, { order_id: 'o1', products: [{ product_id: 'p1' }] }));
    builder.add(event('u3', 'Product Viewed', 200));
    const { sessions } = builder.finish();
    expect(sessions.filter((session) => session.profileKey === 'u1').map((session) => [session.bought, session.examples.length])).toEqual([
      [false, 1],
      [true, 1],
    ]);
  });

  it('leaves out sessions still open at the end of the data, bought or not', () => {
    const builder = new SessionExampleBuilder();
    builder.add(event('u1', 'Product Viewed', 0));
    builder.add(event('u2', 'Product Viewed', 50));
    builder.add(event('u2', 'Order Completed', 51, { order_id: 'o2', products: [{ product_id: 'p1' }] }));
    builder.add(event('u3', 'Product Viewed', 60));
    const { sessions, censored } = builder.finish();
    expect(sessions.map((session) => session.profileKey)).toEqual(['u1']);
    expect(censored).toBe(2);
  });

  it('counts each item and category from the stream', () => {
    const builder = new SessionExampleBuilder();
    builder.add(event('u1', 'Product Viewed', 0));
    expect(builder.items.item('p1')).toEqual({ views: 1, cartAdds: 0, purchases: 0 });
  });
});
