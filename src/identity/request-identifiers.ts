import { Type } from '@sinclair/typebox';
import type { Identifier } from './identifiers.js';

const IdentifierValue = Type.String({ minLength: 1, maxLength: 256 });

/**
 * The shopper identifiers a write-key route takes in its body (`/v1/decide`, `/v1/search/rerank`), spread
 * into its TypeBox object so every such route names and bounds them the same way.
 *
 * @example
 * Type.Object({ ...ShopperIdentifierFields, query: Type.String() })
 */
export const ShopperIdentifierFields = {
  userId: Type.Optional(IdentifierValue),
  anonymousId: Type.Optional(IdentifierValue),
};

/** The identifiers to find a request's profile by, strongest first: userId, then anonymousId (ProfileService.findState). */
export function identifiersOf(request: { userId?: string | undefined; anonymousId?: string | undefined }): Identifier[] {
  const identifiers: Identifier[] = [];
  if (request.userId !== undefined) identifiers.push({ type: 'userId', value: request.userId });
  if (request.anonymousId !== undefined) identifiers.push({ type: 'anonymousId', value: request.anonymousId });
  return identifiers;
}
