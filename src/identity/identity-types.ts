import type { IdentifierType } from './identifiers.js';

export interface IdentityRecord {
  type: IdentifierType;
  value: string;
  profileId: string;
  firstSeenAt: number;
  sourceMessageId: string;
  /** How many profiles this identifier has been presented by; past the limit it is not merged on. */
  profilesJoined: number;
}

export interface MergeRecord {
  survivorId: string;
  mergedId: string;
  identifierType: IdentifierType;
  identifierValue: string;
  messageId: string;
  at: number;
}

export type RefusalReason = 'blocked_value' | 'shared_identifier' | 'conflicting_user_id';

export interface RefusalRecord {
  profileId: string;
  otherProfileId?: string;
  identifierType: IdentifierType;
  identifierValue: string;
  reason: RefusalReason;
  messageId: string;
  at: number;
}
