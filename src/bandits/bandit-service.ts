import { DEFAULT_EXPLORATION_FLOOR, type Optimization } from '../campaigns/campaign.js';
import { contextFeatures, inBand, type BanditContext } from './bandit-context.js';
import type { BanditStore, StoredPosterior } from './bandit-store.js';
import { conversionProbabilityOf, expectedConversion, scoreDistribution, updatedPosterior, type ArmPosterior, type ScoreDistribution } from './probit-posterior.js';
import { choiceProbabilities, greedyChoice, thompsonChoice } from './thompson-policy.js';

/** What `why` shows of each variant in a bandit choice. */
export interface VariantScore {
  variantId: string;
  /** The conversion probability Thompson sampling drew for it. */
  sampled: number;
  /** Its posterior mean conversion probability in this context. */
  mean: number;
  /** The probability the policy had of choosing it. */
  propensity: number;
}

export interface BanditChoice {
  variantId: string;
  propensity: number;
  scores: VariantScore[];
}

/** An outcome to learn from: a variant delivered in a context converted (reward 1) or not. */
export interface Outcome {
  campaignId: string;
  variantId: string;
  context: BanditContext;
  reward: 0 | 1;
}

/**
 * The bandits of every campaign: each variant's posterior, held in memory so a decision never waits
 * for the store (loaded at start; the learner writes what it learns through `learn`).
 */
export class BanditService {
  private readonly arms = new Map<string, Map<string, StoredPosterior>>();
  private loading: Promise<void> | undefined;

  constructor(private readonly deps: { store: Pick<BanditStore, 'posteriors'> }) {}

  /**
   * Reads the stored posteriors into memory, once (the server awaits it before listening; the learner
   * before it learns, so it never overwrites stored posteriors with ones learned from the prior).
   */
  load(): Promise<void> {
    this.loading ??= this.deps.store.posteriors().then((stored) => {
      for (const arm of stored) if (!this.armsOf(arm.campaignId).has(arm.variantId)) this.armsOf(arm.campaignId).set(arm.variantId, arm);
    });
    return this.loading;
  }

  /**
   * The bandit's choice among `variantIds` for a campaign with optimization, when the context is in its
   * band; undefined otherwise (the weighted draw decides).
   */
  choose(campaignId: string, optimization: Optimization, variantIds: readonly string[], context: BanditContext, random: () => number): BanditChoice | undefined {
    if (!inBand(optimization.band, context)) return undefined;
    const scores = this.scores(campaignId, variantIds, context);
    const { chosen, sampled, probabilities } = thompsonChoice(scores, optimization.explorationFloor ?? DEFAULT_EXPLORATION_FLOOR, random);
    return {
      variantId: variantIds[chosen]!,
      propensity: probabilities[chosen]!,
      scores: variantIds.map((variantId, i) => ({
        variantId,
        sampled: round(conversionProbabilityOf(sampled[i]!)),
        mean: round(expectedConversion(scores[i]!)),
        propensity: round(probabilities[i]!),
      })),
    };
  }

  /** The probability of each variant under Thompson sampling with this floor, in this context (for evaluation). */
  thompsonProbabilities(campaignId: string, variantIds: readonly string[], context: BanditContext, explorationFloor: number): number[] {
    return choiceProbabilities(this.scores(campaignId, variantIds, context), explorationFloor);
  }

  /** The variant with the best posterior mean in this context. */
  greedy(campaignId: string, variantIds: readonly string[], context: BanditContext): string {
    return variantIds[greedyChoice(this.scores(campaignId, variantIds, context))]!;
  }

  /** Learns from outcomes in memory; returns the changed posteriors for the caller to store. */
  learn(outcomes: readonly Outcome[]): StoredPosterior[] {
    const changed = new Map<string, StoredPosterior>();
    for (const outcome of outcomes) {
      const arms = this.armsOf(outcome.campaignId);
      const arm = arms.get(outcome.variantId) ?? { campaignId: outcome.campaignId, variantId: outcome.variantId, posterior: {}, updates: 0 };
      const next = { ...arm, posterior: updatedPosterior(arm.posterior, contextFeatures(outcome.context), outcome.reward === 1), updates: arm.updates + 1 };
      arms.set(outcome.variantId, next);
      changed.set(`${outcome.campaignId}\u0000${outcome.variantId}`, next);
    }
    return [...changed.values()];
  }

  /** A variant's posterior and how many outcomes it learned from (tests, the admin view). */
  posterior(campaignId: string, variantId: string): { posterior: ArmPosterior; updates: number } | undefined {
    return this.arms.get(campaignId)?.get(variantId);
  }

  private scores(campaignId: string, variantIds: readonly string[], context: BanditContext): ScoreDistribution[] {
    const features = contextFeatures(context);
    const arms = this.arms.get(campaignId);
    return variantIds.map((variantId) => scoreDistribution(arms?.get(variantId)?.posterior ?? {}, features));
  }

  private armsOf(campaignId: string): Map<string, StoredPosterior> {
    let arms = this.arms.get(campaignId);
    if (arms === undefined) {
      arms = new Map();
      this.arms.set(campaignId, arms);
    }
    return arms;
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
