import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_EXPLORATION_FLOOR, type Campaign } from '../campaigns/campaign.js';
import type { CampaignService } from '../campaigns/campaign-service.js';
import type { Clock } from '../shared/clock.js';
import { Errors } from '../shared/errors.js';
import { contextBucket, inBand } from './bandit-context.js';
import type { BanditService } from './bandit-service.js';
import type { BanditStore, LoggedDecision } from './bandit-store.js';
import { evaluatePolicy, meanEstimate, type Estimate, type PolicyEstimates } from './off-policy-estimators.js';

export const CandidatePolicySchema = Type.Union([
  Type.Object({ type: Type.Literal('always'), variantId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('uniform') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('weighted') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('bandit') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('bandit_greedy') }, { additionalProperties: false }),
]);
export type CandidatePolicy = Static<typeof CandidatePolicySchema>;

/** Logged decisions read at most per evaluation: the newest. */
export const MAX_EVALUATED_DECISIONS = 200_000;

export const PolicyEvaluationRequestSchema = Type.Object(
  {
    policies: Type.Optional(
      Type.Array(CandidatePolicySchema, {
        minItems: 1,
        maxItems: 25,
        description: 'the policies to estimate; by default always-X for every variant, uniform, weighted, bandit and bandit_greedy',
      }),
    ),
    since: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 time: only decisions delivered from then on' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EVALUATED_DECISIONS, description: `the newest decisions to use, at most (default ${MAX_EVALUATED_DECISIONS})` })),
  },
  { additionalProperties: false },
);
export type PolicyEvaluationRequest = Static<typeof PolicyEvaluationRequestSchema>;

export interface PolicyEvaluationResult {
  campaignId: string;
  /** Decisions whose attribution window has closed, so their reward is known. */
  decisions: number;
  from: string | null;
  to: string | null;
  /** The observed conversion rate per delivery of what was actually done (the logging policy). */
  logged: Estimate | null;
  policies: Array<{ policy: CandidatePolicy; estimates: PolicyEstimates | null; unavailable: number }>;
}

/**
 * Off-policy evaluation of a campaign (docs/bandits.md): what another way of choosing its variants
 * would have converted per delivery, estimated from the logged decisions whose window has closed,
 * so a marketer can compare policies before switching.
 */
export class PolicyEvaluation {
  constructor(
    private readonly deps: {
      store: Pick<BanditStore, 'closedDecisions'>;
      campaigns: Pick<CampaignService, 'get'>;
      bandits: Pick<BanditService, 'thompsonProbabilities' | 'greedy'>;
      clock: Clock;
    },
  ) {}

  async evaluate(campaignId: string, request: PolicyEvaluationRequest): Promise<PolicyEvaluationResult> {
    const campaign = await this.deps.campaigns.get(campaignId);
    const policies = request.policies ?? defaultPolicies(campaign);
    policies.forEach((policy, i) => {
      if (policy.type === 'always' && !campaign.variants.some((variant) => variant.id === policy.variantId)) {
        throw Errors.invalidRequest([{ field: `policies.${i}.variantId`, problem: `"${policy.variantId}" is not a variant of campaign ${campaignId}` }]);
      }
    });
    const from = request.since === undefined ? 0 : Date.parse(request.since);
    if (Number.isNaN(from) || (request.since !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(request.since))) {
      throw Errors.invalidRequest([{ field: 'since', problem: 'must be an ISO-8601 time such as 2026-12-01T09:00:00Z' }]);
    }
    const decisions = await this.deps.store.closedDecisions(campaignId, { from, closedBy: this.deps.clock.now(), limit: request.limit ?? MAX_EVALUATED_DECISIONS });
    const logs = decisions.map((decision) => ({ action: decision.variantId, propensity: decision.propensity, reward: decision.reward ?? 0, bucket: contextBucket(decision.context) }));
    return {
      campaignId,
      decisions: decisions.length,
      from: decisions.length > 0 ? new Date(decisions[0]!.deliveredAt).toISOString() : null,
      to: decisions.length > 0 ? new Date(decisions[decisions.length - 1]!.deliveredAt).toISOString() : null,
      logged: logs.length > 0 ? meanEstimate(logs.map((log) => log.reward)) : null,
      policies: policies.map((policy) => {
        let unavailable = 0;
        const target = decisions.map((decision) => {
          const distribution = this.distribution(campaign, policy, decision);
          if (distribution === undefined) unavailable++;
          return distribution ?? uniform(decision.candidates);
        });
        return { policy, estimates: logs.length > 0 ? evaluatePolicy(logs, target) : null, unavailable };
      }),
    };
  }

  /** The policy's probability of each variant the decision drew among; undefined when `always` names one not among them. */
  private distribution(campaign: Campaign, policy: CandidatePolicy, decision: LoggedDecision): Map<string, number> | undefined {
    const { candidates, context } = decision;
    switch (policy.type) {
      case 'always':
        return candidates.includes(policy.variantId) ? new Map([[policy.variantId, 1]]) : undefined;
      case 'uniform':
        return uniform(candidates);
      case 'weighted':
        return weighted(campaign, candidates);
      case 'bandit':
      case 'bandit_greedy': {
        // As the engine runs it: the bandit in the campaign's band (everywhere when it has none yet), the weights outside.
        if (campaign.optimization !== undefined && !inBand(campaign.optimization.band, context)) return weighted(campaign, candidates);
        if (policy.type === 'bandit_greedy') return new Map([[this.deps.bandits.greedy(campaign.id, candidates, context), 1]]);
        const floor = campaign.optimization?.explorationFloor ?? DEFAULT_EXPLORATION_FLOOR;
        const probabilities = this.deps.bandits.thompsonProbabilities(campaign.id, candidates, context, floor);
        return new Map(candidates.map((candidate, i) => [candidate, probabilities[i]!]));
      }
    }
  }
}

function defaultPolicies(campaign: Campaign): CandidatePolicy[] {
  return [
    ...campaign.variants.map((variant): CandidatePolicy => ({ type: 'always', variantId: variant.id })),
    { type: 'uniform' },
    { type: 'weighted' },
    { type: 'bandit' },
    { type: 'bandit_greedy' },
  ];
}

function uniform(candidates: readonly string[]): Map<string, number> {
  return new Map(candidates.map((candidate) => [candidate, 1 / candidates.length]));
}

function weighted(campaign: Campaign, candidates: readonly string[]): Map<string, number> {
  const weights = candidates.map((candidate) => campaign.variants.find((variant) => variant.id === candidate)?.weight ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return new Map(candidates.map((candidate, i) => [candidate, weights[i]! / total]));
}
