import type { CampaignGoal } from '../decisions/campaign-registry.js';
import { interpretCommerce } from '../ingestion/ecommerce-spec.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { INTERVENTION_CONVERTED_EVENT } from '../profiles/engagement.js';
import type { ProfileState } from '../profiles/profile-state.js';
import type { Arm } from './campaign-results.js';
import { shopperIdentifiers } from '../shared/shopper-identifiers.js';

/**
 * Last-touch attribution, the same way for both arms: a goal event converts the profile's latest
 * exposure to the campaign — a delivery (treatment) or a holdout — within the goal's window before it.
 * Each exposure converts at most once (the derived event's messageId is the exposure's decision), so
 * conversion rates per exposure of the two arms compare like with like.
 */
export function attributeConversions(event: StoredEvent, state: ProfileState, goals: readonly CampaignGoal[]): object[] {
  const converted: object[] = [];
  for (const goal of goals) {
    if (event.name !== goal.event) continue;
    const exposure = latestExposure(state, goal, event.timestamp);
    if (exposure === undefined) continue;
    const value = interpretCommerce(event).revenue ?? 0;
    converted.push({
      type: 'track',
      event: INTERVENTION_CONVERTED_EVENT,
      ...shopperIdentifiers(event),
      messageId: `converted:${exposure.decisionId}:${goal.campaignId}`,
      timestamp: new Date(event.timestamp).toISOString(),
      properties: {
        campaignId: goal.campaignId,
        decisionId: exposure.decisionId,
        arm: exposure.arm,
        ...(exposure.variantId !== undefined ? { variantId: exposure.variantId } : {}),
        goal: goal.event,
        value,
        conversionMessageId: event.messageId,
      },
      context: { channel: event.channel },
    });
  }
  return converted;
}

function latestExposure(state: ProfileState, goal: CampaignGoal, at: number): { arm: Arm; decisionId: string; variantId?: string; at: number } | undefined {
  let latest: { arm: Arm; decisionId: string; variantId?: string; at: number } | undefined;
  const consider = (candidate: { arm: Arm; decisionId: string; variantId?: string; at: number }) => {
    if (candidate.at <= at && at - candidate.at <= goal.windowMs && (latest === undefined || candidate.at > latest.at)) latest = candidate;
  };
  for (const delivery of state.deliveries ?? []) {
    if (delivery.campaignId === goal.campaignId && delivery.decisionId !== undefined) {
      consider({ arm: 'treatment', decisionId: delivery.decisionId, ...(delivery.variantId !== undefined ? { variantId: delivery.variantId } : {}), at: delivery.at });
    }
  }
  for (const holdout of state.holdouts ?? []) if (holdout.campaignId === goal.campaignId) consider({ arm: 'holdout', decisionId: holdout.decisionId, at: holdout.at });
  return latest;
}
