import { describe, expect, it } from 'vitest';
import { interpretCommerce } from '../../ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { applyEvent } from '../../profiles/apply-event.js';
import { emptyProfileState } from '../../profiles/profile-state.js';
import { eppArtifactWithWeights } from '../../test-support/epp-artifact-fixture.js';
import { SessionPurchaseScorer } from './session-purchase-scorer.js';

const MINUTE = 60_000;
let sequence = 0;
function event(name: string, minute: number, properties: Record<string, unknown> = { product_id: 'p1' }): KairosEvent {
  return { type: 'track', name, userId: 'u1', messageId: `m${++sequence}`, timestamp: minute * MINUTE, receivedAt: 0, channel: 'web', properties, context: {}, traits: {} } as unknown as KairosEvent;
}

function fold(scorer: SessionPurchaseScorer, state: ReturnType<typeof emptyProfileState>, kairosEvent: KairosEvent): void {
  const facts = interpretCommerce(kairosEvent);
  applyEvent(state, kairosEvent, facts);
  scorer.score(state, kairosEvent, facts);
}

describe('SessionPurchaseScorer', () => {
  it('learns nothing from a batch that was aborted, and learns a committed one once its session settles', () => {
    const scorer = new SessionPurchaseScorer(eppArtifactWithWeights('hand', -2));
    const state = emptyProfileState('u1', 0);
    fold(scorer, state, event('Product Viewed', 0));
    scorer.abort();
    scorer.commit();
    expect(scorer.learning.pendingSessions).toBe(0);
    fold(scorer, state, event('Product Viewed', 1));
    scorer.commit();
    expect(scorer.learning.pendingSessions).toBe(1);
    fold(scorer, state, event('Order Completed', 2, { order_id: 'o1', products: [{ product_id: 'p1' }] }));
    scorer.commit();
    expect(scorer.learning.takeTally()).toMatchObject({ updates: 1, labels: [1] });
    expect(state.sessions.web!.purchaseProbability).toBe(1);
  });

  it('settles a session that went quiet as not buying, on the stream’s own clock', () => {
    const scorer = new SessionPurchaseScorer(eppArtifactWithWeights('hand', -2));
    const first = emptyProfileState('u1', 0);
    fold(scorer, first, event('Product Viewed', 0));
    fold(scorer, first, event('Product Viewed', 1));
    scorer.commit();
    const other = emptyProfileState('u2', 0);
    fold(scorer, other, { ...event('Product Viewed', 40), userId: 'u2' } as KairosEvent);
    scorer.commit();
    expect(scorer.learning.takeTally()).toMatchObject({ updates: 2, labels: [0, 0] });
    expect(scorer.learning.pendingSessions).toBe(1);
  });

  it('ignores bookkeeping and client signals: they are not shopping', () => {
    const scorer = new SessionPurchaseScorer(eppArtifactWithWeights('hand', -2));
    const state = emptyProfileState('u1', 0);
    fold(scorer, state, event('Product Viewed', 0));
    fold(scorer, state, event('Heartbeat', 1));
    fold(scorer, state, event('Intervention Delivered', 1, { campaignId: 'c', channel: 'web' }));
    expect(state.sessions.web!.purchaseProbabilityHistory).toHaveLength(1);
  });
});
