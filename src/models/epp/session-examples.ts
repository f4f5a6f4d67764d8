import { interpretCommerce } from '../../ingestion/ecommerce-spec.js';
import type { KairosEvent } from '../../ingestion/kairos-event.js';
import { applyEvent } from '../../profiles/apply-event.js';
import { isShoppingEvent, SESSION_TIMEOUT_MS } from '../../profiles/feature-constants.js';
import { emptyProfileState, type ProfileState } from '../../profiles/profile-state.js';
import { denseEppFeatures, eppFeatureValues, hashedEppFeatures } from './epp-features.js';
import { ItemStats } from './item-stats.js';

/** Clicks per session kept as examples: the model's click feature stops at 30 too. */
export const MAX_EXAMPLE_CLICK = 30;

/** The state of a session right after its `click`-th event, before any purchase in it. */
export interface SessionExample {
  /** The hashed view (the linear model's input). */
  slots: Int32Array;
  /** The dense view of the same features (the trees' input). */
  dense: Float32Array;
  click: number;
  at: number;
  /** The "has added to cart" baseline's input. */
  hasCartAdd: boolean;
}

/** A finished session: its examples and whether it went on to buy. */
export interface LabelledSession {
  profileKey: string;
  startedAt: number;
  bought: boolean;
  examples: SessionExample[];
}

interface OpenSession {
  id: string;
  startedAt: number;
  lastEventAt: number;
  examples: SessionExample[];
  bought: boolean;
}

/**
 * Turns a time-ordered event stream into labelled session prefixes, by folding each event into its
 * profile with the ingestion path's own `applyEvent` and computing the live features after it. Events
 * are keyed by userId, else anonymousId (no alias merging: the replayable data sets have one id per
 * shopper). Item counters are updated after each event's features are taken, so they hold the past.
 */
export class SessionExampleBuilder {
  readonly items: ItemStats;
  private readonly profiles = new Map<string, ProfileState>();
  private readonly open = new Map<string, OpenSession>();
  private readonly finished: LabelledSession[] = [];
  private lastEventAt = Number.NEGATIVE_INFINITY;

  constructor(items: ItemStats = new ItemStats()) {
    this.items = items;
  }

  add(event: KairosEvent): void {
    const key = event.userId ?? event.anonymousId ?? event.messageId;
    let state = this.profiles.get(key);
    if (state === undefined) {
      state = emptyProfileState(key, event.timestamp);
      this.profiles.set(key, state);
    }
    const facts = interpretCommerce(event);
    const sessionId = applyEvent(state, event, facts);
    this.lastEventAt = Math.max(this.lastEventAt, event.timestamp);
    if (!isShoppingEvent(event)) return;

    const session = state.sessions[event.channel]!;
    const openKey = `${key}\u0000${event.channel}`;
    let current = this.open.get(openKey);
    if (current?.id !== sessionId) {
      if (current !== undefined) this.close(key, current);
      current = { id: sessionId, startedAt: session.startedAt, lastEventAt: event.timestamp, examples: [], bought: false };
      this.open.set(openKey, current);
    }
    current.lastEventAt = event.timestamp;
    if (!current.bought) {
      if (session.purchases > 0) current.bought = true;
      else if (session.events <= MAX_EXAMPLE_CLICK) {
        const values = eppFeatureValues(state, session, event, facts, this.items);
        const slots = hashedEppFeatures(values);
        current.examples.push({ slots, dense: denseEppFeatures(values), click: session.events, at: event.timestamp, hasCartAdd: session.cartAdds > 0 });
      }
    }
    this.items.add(facts);
  }

  /**
   * Every session with a known outcome, in the order they started. Sessions whose last event is
   * within the session timeout of the end of the data are left out, bought or not: they might still
   * have bought, and keeping only the ones that did would inflate the late (test) purchase rate.
   */
  finish(): { sessions: LabelledSession[]; censored: number } {
    let censored = 0;
    for (const [openKey, session] of this.open) {
      if (this.lastEventAt - session.lastEventAt <= SESSION_TIMEOUT_MS) censored++;
      else this.close(openKey.slice(0, openKey.indexOf('\u0000')), session);
    }
    this.open.clear();
    return { sessions: this.finished.sort((a, b) => a.startedAt - b.startedAt), censored };
  }

  private close(profileKey: string, session: OpenSession): void {
    this.finished.push({ profileKey, startedAt: session.startedAt, bought: session.bought, examples: session.examples });
  }
}
