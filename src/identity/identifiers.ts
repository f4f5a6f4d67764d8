import type { JsonObject, KairosEvent } from '../ingestion/kairos-event.js';

export const IDENTIFIER_TYPES = ['userId', 'loyaltyId', 'email', 'phone', 'anonymousId', 'deviceId'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export interface Identifier {
  type: IdentifierType;
  value: string;
}

/** The map key of an identifier: `email:sarah@example.com`. */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

/** Stronger identifiers win when a merge is refused and the event must go to one profile. */
export function identifierStrength(type: IdentifierType): number {
  return IDENTIFIER_TYPES.length - IDENTIFIER_TYPES.indexOf(type);
}

/**
 * Normalises a raw identifier value so that the same person's identifier always compares equal:
 * e-mail lower-cased and trimmed, phone reduced to digits (with a leading + kept), others trimmed.
 * Returns undefined for values that cannot identify anyone.
 */
export function normalizeIdentifier(type: IdentifierType, raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > 256) return undefined;
  switch (type) {
    case 'email': {
      const email = trimmed.toLowerCase();
      return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
    }
    case 'phone': {
      const plus = trimmed.startsWith('+') ? '+' : '';
      const digits = trimmed.replace(/\D/g, '');
      return digits.length >= 7 && digits.length <= 15 ? plus + digits : undefined;
    }
    default:
      return trimmed;
  }
}

/**
 * Every identifier an event carries: userId and anonymousId, and email, phone and loyaltyId from
 * traits (identify) or context.traits (other calls), and the device id from context.device.
 */
export function extractIdentifiers(event: KairosEvent): Identifier[] {
  const found: Identifier[] = [];
  const add = (type: IdentifierType, raw: unknown) => {
    const value = normalizeIdentifier(type, raw);
    if (value !== undefined && !found.some((id) => id.type === type && id.value === value)) found.push({ type, value });
  };
  add('userId', event.userId);
  const contextTraits = (event.context.traits as JsonObject | undefined) ?? {};
  for (const traits of [event.traits, contextTraits]) {
    add('email', traits.email);
    add('phone', traits.phone);
    add('loyaltyId', traits.loyaltyId ?? traits.loyalty_id);
  }
  add('anonymousId', event.anonymousId);
  const device = event.context.device as JsonObject | undefined;
  if (device) add('deviceId', device.id);
  return found;
}
