/** The triggers that wait: a durable timer per pending check. */
export const TIMER_KINDS = ['dwell', 'cart_abandonment', 'local_time'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** What the check needs to know when the timer fires. */
export interface TimerPayload {
  userId?: string;
  anonymousId?: string;
  channel: string;
  sessionId?: string;
  productId?: string;
  /** When the product page was opened (dwell): the page must still be open at the same view. */
  viewedAt?: number;
  /** When the cart last changed (abandonment): a checkout or order after it cancels. */
  cartChangedAt?: number;
}

export interface TriggerTimer {
  /** Names the firing: one timer per dwell view, per cart episode, per local-time occurrence. */
  key: string;
  kind: TimerKind;
  campaignId: string;
  profileId: string;
  dueAt: number;
  payload: TimerPayload;
}
