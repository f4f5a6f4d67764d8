/** Who a message is about, as Segment messages say it: userId and anonymousId, each only when known. */
export interface ShopperIdentifiers {
  userId?: string;
  anonymousId?: string;
}

/** The userId and anonymousId of an event, request or recipient, without keys for the unknown ones. */
export function shopperIdentifiers(source: { userId?: string | undefined; anonymousId?: string | undefined }): ShopperIdentifiers {
  return { ...(source.userId !== undefined ? { userId: source.userId } : {}), ...(source.anonymousId !== undefined ? { anonymousId: source.anonymousId } : {}) };
}
