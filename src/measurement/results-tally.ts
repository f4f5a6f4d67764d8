import type { StoredEvent } from '../ingestion/kairos-event.js';
import { INTERVENTION_CONVERTED_EVENT, INTERVENTION_DELIVERED_EVENT, INTERVENTION_HELD_OUT_EVENT } from '../profiles/engagement.js';
import type { ResultCounts } from './campaign-results.js';

/** The result deltas stored events add: an exposure per delivery or holdout, a conversion per converted event. */
export function resultDeltas(events: readonly StoredEvent[]): ResultCounts[] {
  const deltas: ResultCounts[] = [];
  for (const event of events) {
    if (event.type !== 'track') continue;
    const { campaignId, variantId, arm, value } = event.properties;
    if (typeof campaignId !== 'string') continue;
    if (event.name === INTERVENTION_DELIVERED_EVENT && typeof variantId === 'string') {
      deltas.push({ campaignId, arm: 'treatment', variantId, exposures: 1, conversions: 0, value: 0 });
    } else if (event.name === INTERVENTION_HELD_OUT_EVENT) {
      deltas.push({ campaignId, arm: 'holdout', variantId: '', exposures: 1, conversions: 0, value: 0 });
    } else if (event.name === INTERVENTION_CONVERTED_EVENT && (arm === 'treatment' || arm === 'holdout')) {
      deltas.push({ campaignId, arm, variantId: arm === 'holdout' ? '' : String(variantId ?? ''), exposures: 0, conversions: 1, value: typeof value === 'number' ? value : 0 });
    }
  }
  return deltas;
}
