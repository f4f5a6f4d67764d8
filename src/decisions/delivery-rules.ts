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

/**
 * Why the campaign's own caps stop it now (rolling windows), or undefined. One pass that builds
 * nothing: it runs for every campaign a shopper is in the audience of, on every decision.
 */
export function campaignCapReached(compiled: CompiledCampaign, deliveries: readonly DeliveryRecord[], now: number): string | undefined {
  let inDay = 0;
  let inWeek = 0;
  let lastAt: number | undefined;
  for (const delivery of deliveries) {
    if (delivery.campaignId !== compiled.campaign.id) continue;
    if (now - delivery.at < DAY_MS) inDay++;
    if (now - delivery.at < WEEK_MS) inWeek++;
    lastAt = delivery.at;
  }
  const caps = compiled.campaign.caps;
  if (caps?.perDay !== undefined && inDay >= caps.perDay) return `perDay: ${caps.perDay} in the last 24 hours`;
  if (caps?.perWeek !== undefined && inWeek >= caps.perWeek) return `perWeek: ${caps.perWeek} in the last 7 days`;
  if (compiled.minIntervalMs !== undefined && lastAt !== undefined && now - lastAt < compiled.minIntervalMs) return `minInterval: ${caps?.minInterval} since the last`;
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
  // FNV-1a, 32 bits, over `${shopperKey}\u0000${campaignId}`: a few instructions per byte, stable
  // across processes and versions; a cryptographic hash would cost more and buy nothing here. Fed
  // piece by piece, so judging a hundred campaigns builds no string per campaign.
  const afterSeparator = Math.imul(fnv1a(FNV_OFFSET, shopperKey), FNV_PRIME); // the separator's code is 0
  return ((fnv1a(afterSeparator, campaignId) >>> 0) / 2 ** 32) * 100;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
