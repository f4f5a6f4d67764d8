import { DEFAULT_EXCLUDE_BOUGHT, DEFAULT_MIN_EVIDENCE, DEFAULT_PERSONALIZE, DEFAULT_RULES } from './default-placements.js';
import type { PlacementDefinition, PlacementInput } from './placement.js';

/**
 * The complete definition a PUT body says: every field left out takes its documented default, so what
 * is stored (and what the recommendation service reads) never needs defaults applied again. `null`
 * turns a rule off; leaving it out keeps the default.
 */
export function placementDefinitionOf(input: PlacementInput): PlacementDefinition {
  const { excludeBought, ...rules } = input.rules ?? {};
  return {
    ...(input.description === undefined ? {} : { description: input.description }),
    count: input.count,
    chain: input.chain.map((step) => ({ ...step, minEvidence: step.minEvidence ?? DEFAULT_MIN_EVIDENCE })),
    fallbackToPopular: input.fallbackToPopular ?? true,
    personalize: input.personalize === undefined ? DEFAULT_PERSONALIZE : input.personalize,
    rules: {
      ...DEFAULT_RULES,
      ...rules,
      excludeBought: excludeBought === null ? null : { ...DEFAULT_EXCLUDE_BOUGHT, ...excludeBought },
    },
  };
}
