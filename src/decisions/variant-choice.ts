import type { BanditContext } from '../bandits/bandit-context.js';
import type { BanditService, VariantScore } from '../bandits/bandit-service.js';
import type { ChoicePolicy } from '../bandits/bandit-store.js';
import type { Campaign } from '../campaigns/campaign.js';
import type { CompiledVariant } from './campaign-registry.js';

/** How a variant was chosen, as the delivery event logs it for off-policy evaluation (docs/bandits.md). */
export interface VariantChoice {
  variant: CompiledVariant;
  policy: ChoicePolicy;
  /** The probability this policy had of choosing this variant among `candidates`. */
  propensity: number;
  candidates: string[];
  context: BanditContext;
  /** Per-variant scores of a bandit choice, for `why`. */
  scores?: VariantScore[];
}

/**
 * The variant to render: the campaign's bandit chooses when it has one and the session is in its
 * band; otherwise a draw in proportion to the variants' weights.
 */
export function chooseVariant(
  campaign: Campaign,
  variants: readonly CompiledVariant[],
  context: BanditContext,
  random: () => number,
  bandit: Pick<BanditService, 'choose'> | undefined,
): VariantChoice {
  const candidates = variants.map((variant) => variant.variant.id);
  const chosen = campaign.optimization && bandit?.choose(campaign.id, campaign.optimization, candidates, context, random);
  if (chosen) return { variant: variants[candidates.indexOf(chosen.variantId)]!, policy: 'bandit', propensity: chosen.propensity, candidates, context, scores: chosen.scores };
  const total = variants.reduce((sum, variant) => sum + weightOf(variant), 0);
  let point = random() * total;
  let drawn = variants[variants.length - 1]!;
  for (const variant of variants) {
    point -= weightOf(variant);
    if (point < 0) {
      drawn = variant;
      break;
    }
  }
  return { variant: drawn, policy: 'weighted', propensity: weightOf(drawn) / total, candidates, context };
}

function weightOf(variant: CompiledVariant): number {
  return variant.variant.weight ?? 1;
}
