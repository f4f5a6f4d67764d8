import { describe, expect, it } from 'vitest';
import { interpretCommerce } from '../../ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { applyEvent } from '../../profiles/apply-event.js';
import { emptyProfileState } from '../../profiles/profile-state.js';
import { denseEppFeatures, EPP_DENSE_COLUMNS, eppFeatures, eppFeatureValues, hashedEppFeatures } from './epp-features.js';
import { featureSlot } from './feature-hashing.js';
import { ItemStats } from './item-stats.js';

function foldedView() {
  const state = emptyProfileState('u1', 0);
  const event = { type: 'track', name: 'Product Added', userId: 'u1', messageId: 'm1', timestamp: Date.UTC(2026, 0, 5, 9), receivedAt: 0, channel: 'web', properties: { product_id: 'p1', price: 12 }, context: {}, traits: {} } as unknown as KairosEvent;
  const facts = interpretCommerce(event);
  applyEvent(state, event, facts);
  return { state, session: state.sessions.web!, event, facts };
}

describe('EPP features', () => {
  it('hash every value and the crosses for the linear model, as the live scorer does', () => {
    const { state, session, event, facts } = foldedView();
    const values = eppFeatureValues(state, session, event, facts, new ItemStats());
    const slots = hashedEppFeatures(values);
    expect(slots).toEqual(eppFeatures(state, session, event, facts, new ItemStats()));
    expect(slots).toContain(featureSlot('click=1'));
    expect(slots).toContain(featureSlot('cart_adds=1'));
    expect(slots).toContain(featureSlot('click×cart_adds=1×1'));
    expect(slots).toHaveLength(EPP_DENSE_COLUMNS.length + 5);
  });

  it('give trees the same values as numbers: text as codes, absent as −1', () => {
    const { state, session, event, facts } = foldedView();
    const values = eppFeatureValues(state, session, event, facts, new ItemStats());
    const dense = denseEppFeatures(values);
    const column = (name: (typeof EPP_DENSE_COLUMNS)[number]) => dense[EPP_DENSE_COLUMNS.indexOf(name)];
    expect(dense).toHaveLength(EPP_DENSE_COLUMNS.length);
    expect(column('click')).toBe(1);
    expect(column('kind')).toBe(2); // cart_add
    expect(column('channel')).toBe(0); // web
    expect(column('weekday')).toBe(1); // Monday, in UTC without a zone
    expect(column('last_gap')).toBe(-1);
    expect(column('days_since_order')).toBe(-1);
    expect(column('category_views')).toBe(-1);
  });

  it('hash each feature to the slot of its name written out, for every kind of value', () => {
    const { state, session, event, facts } = foldedView();
    const values = eppFeatureValues(state, session, event, facts, new ItemStats());
    // Every kind of value a feature takes: large and negative integers, fractions, absent markers, booleans.
    const varied = { ...values, cart_value: 1234567, hour: 0, last_gap: -3, mean_gap: 'none', item_conversion: -2.5, first_visit: false, days_since_order: 'never' } as const;
    for (const features of [values, varied]) {
      const click = Math.min(features.click, 10);
      const written = [
        ...Object.entries(features).map(([name, value]) => `${name}=${value}`),
        `click×cart_adds=${click}×${features.cart_adds}`,
        `click×kind=${click}×${features.kind}`,
        `click×item_conversion=${click}×${features.item_conversion}`,
        `cart_adds×ordered=${features.cart_adds}×${features.orders > 0}`,
        `kind×item_conversion=${features.kind}×${features.item_conversion}`,
      ];
      expect([...hashedEppFeatures(features as typeof values)]).toEqual(written.map(featureSlot));
    }
  });
});
