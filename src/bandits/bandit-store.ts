import type { BanditContext } from './bandit-context.js';
import type { ArmPosterior } from './probit-posterior.js';

/** How a delivered variant was chosen: by the bandit, or by the weighted draw. */
export type ChoicePolicy = 'bandit' | 'weighted';

/**
 * A delivery as off-policy evaluation needs it: what was chosen among which variants, with what
 * probability, in what context, and — once known — whether it converted. Keyed by campaign and
 * decision; no shopper identifier is kept.
 */
export interface LoggedDecision {
  campaignId: string;
  decisionId: string;
  variantId: string;
  policy: ChoicePolicy;
  /** The probability the policy had of choosing this variant at that moment. */
  propensity: number;
  /** The variants drawn among. */
  candidates: string[];
  context: BanditContext;
  deliveredAt: number;
  /** When the attribution window closes: without a conversion by then, the reward is 0. */
  dueAt: number;
  /** 1 converted, 0 not, null while the window is open. */
  reward: 0 | 1 | null;
}

export interface StoredPosterior {
  campaignId: string;
  variantId: string;
  posterior: ArmPosterior;
  /** Outcomes learned from. */
  updates: number;
}

export interface DecisionKey {
  campaignId: string;
  decisionId: string;
}

export interface BanditStore {
  /** Every variant's posterior (loaded once at start; decisions read them from memory). */
  posteriors(): Promise<StoredPosterior[]>;
  /** The logged decisions of these keys still awaiting their reward. */
  awaiting(keys: readonly DecisionKey[]): Promise<LoggedDecision[]>;
  /** Logged decisions awaiting their reward whose window closed before `at`, oldest first. */
  dueBefore(at: number, limit: number): Promise<LoggedDecision[]>;
  /** In one transaction: new logged decisions (a key logged before is kept as it was), settled rewards, new posteriors. */
  write(change: { logged: readonly LoggedDecision[]; rewards: ReadonlyArray<DecisionKey & { reward: 0 | 1 }>; posteriors: readonly StoredPosterior[] }): Promise<void>;
  /**
   * A campaign's logged decisions whose window closed by `closedBy` (delivered from `from` on), the
   * newest `limit`, oldest first; those still unsettled have reward null (no conversion came).
   */
  closedDecisions(campaignId: string, options: { from: number; closedBy: number; limit: number }): Promise<LoggedDecision[]>;
}
