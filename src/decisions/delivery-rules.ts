import { isPulledChannel } from '../campaigns/campaign.js';
import type { DecisionSettings } from '../config/load-config.js';
import type { DeliveryRecord, ProfileState } from '../profiles/profile-state.js';
import type { CompiledCampaign } from './campaign-registry.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Interventions that sell; service messages (an order ready for pickup) are not suppressed by a complaint. */
const MARKETING_KINDS = new Set(['social_proof', 'price', 'urgency', 'convenience', 'loyalty_reminder', 'recommendations', 'custom']);
/** Interventions about the product in context: never about one the shopper already bought. */
const PRODUCT_KINDS = new Set(['social_proof', 'price', 'urgency', 'convenience']);

/** The consent purpose a delivery channel needs. */
export function purposeOf(channel: string): 'personalization' | 'email' | 'sms' | 'push' {
  return channel === 'email' || channel === 'sms' || channel === 'push' ? channel : 'personalization';
}

/**
 * Whether the profile allows the channel: on-site personalization unless refused; email, sms and push
 * only with an explicit grant (opt-in, as marketing law asks in most markets).
 */
export function consentAllows(state: ProfileState | undefined, channel: string): boolean {
  const purpose = purposeOf(channel);
  const granted = state?.consent[purpose]?.granted;
  return purpose === 'personalization' ? granted !== false : granted === true;
}

/** Whether `localMinute` (minutes into the customer's day) is in quiet hours for a pushed channel; a shopper who pulls is there. */
export function inQuietHours(channel: string, localMinute: number | undefined, settings: DecisionSettings): boolean {
  const quiet = settings.quietHours;
  if (!quiet || isPulledChannel(channel) || localMinute === undefined) return false;
  return quiet.startMinute <= quiet.endMinute
    ? localMinute >= quiet.startMinute && localMinute < quiet.endMinute
    : localMinute >= quiet.startMinute || localMinute < quiet.endMinute;
}

/** Why the campaign's own caps stop it now (rolling windows), or undefined. */
export function campaignCapReached(compiled: CompiledCampaign, deliveries: readonly DeliveryRecord[], now: number): string | undefined {
  const own = deliveries.filter((delivery) => delivery.campaignId === compiled.campaign.id);
  const caps = compiled.campaign.caps;
  const within = (ms: number) => own.filter((delivery) => now - delivery.at < ms).length;
  if (caps?.perDay !== undefined && within(DAY_MS) >= caps.perDay) return `perDay: ${caps.perDay} in the last 24 hours`;
  if (caps?.perWeek !== undefined && within(WEEK_MS) >= caps.perWeek) return `perWeek: ${caps.perWeek} in the last 7 days`;
  const last = own[own.length - 1];
  if (compiled.minIntervalMs !== undefined && last !== undefined && now - last.at < compiled.minIntervalMs) return `minInterval: ${compiled.campaign.caps?.minInterval} since the last`;
  return undefined;
}

/** Deliveries in the last 24 hours, in all and per channel. */
export function deliveriesToday(deliveries: readonly DeliveryRecord[], now: number): { total: number; byChannel: Map<string, number> } {
  const byChannel = new Map<string, number>();
  let total = 0;
  for (const delivery of deliveries) {
    if (now - delivery.at >= DAY_MS) continue;
    total++;
    byChannel.set(delivery.channel, (byChannel.get(delivery.channel) ?? 0) + 1);
  }
  return { total, byChannel };
}

/** Why a variant kind is suppressed for this profile and product, or undefined. */
export function suppression(kind: string, values: Record<string, unknown>): string | undefined {
  const profile = values.profile as { openComplaints?: number; traits?: Record<string, unknown> } | undefined;
  if (MARKETING_KINDS.has(kind) && ((profile?.openComplaints ?? 0) > 0 || profile?.traits?.openComplaint === true)) return 'open complaint: no marketing';
  const product = values.product as { boughtByProfile?: boolean } | undefined;
  if (PRODUCT_KINDS.has(kind) && product?.boughtByProfile === true) return 'already bought the product in context';
  return undefined;
}

/** A stable share in [0, 100) for a shopper and a campaign: who is in a campaign's holdout. */
export function holdoutShare(shopperKey: string, campaignId: string): number {
  // FNV-1a, 32 bits: a few instructions per byte, stable across processes and versions; a
  // cryptographic hash would cost more and buy nothing here.
  let hash = 0x811c9dc5;
  const text = `${shopperKey}\u0000${campaignId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) / 2 ** 32) * 100;
}
