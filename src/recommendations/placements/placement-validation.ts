import { Errors, type ErrorDetail } from '../../shared/errors.js';
import type { PlacementDefinition } from './placement.js';

/**
 * What the schema cannot say about a placement, checked before it is stored so a broken one never
 * serves: every problem at once, each with its path (`rules.pins.1.position`), so a merchandiser fixes
 * a placement in one round trip.
 */
export function checkPlacement(definition: PlacementDefinition): void {
  const problems = placementProblems(definition);
  if (problems.length > 0) throw Errors.invalidRequest(problems);
}

function placementProblems(definition: PlacementDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, text: string) => problems.push({ field, problem: text });
  const { rules } = definition;

  const stepOf = new Map<string, number>();
  definition.chain.forEach((step, i) => {
    const earlier = stepOf.get(step.strategy);
    if (earlier !== undefined) problem(`chain.${i}.strategy`, `${step.strategy} is already chain.${earlier}; a strategy appears once in a chain`);
    else stepOf.set(step.strategy, i);
  });

  if (rules.priceRange !== null) {
    const { min, max } = rules.priceRange;
    if (min === undefined && max === undefined) problem('rules.priceRange', 'needs min, max or both; null sets no range');
    if (min !== undefined && max !== undefined && min > max) problem('rules.priceRange.min', `must not be above rules.priceRange.max (${max})`);
  }
  if (rules.diversity !== null && rules.diversity.maxPerBrand === undefined && rules.diversity.maxPerCategory === undefined) {
    problem('rules.diversity', 'needs maxPerBrand, maxPerCategory or both; null sets no caps');
  }

  rules.boosts.forEach(({ match }, i) => {
    if (match.equals !== undefined && match.in !== undefined) problem(`rules.boosts.${i}.match`, 'has both equals and in; give one of them');
    if (match.equals === undefined && match.in === undefined) problem(`rules.boosts.${i}.match`, 'needs equals or in');
  });

  const pinAt = new Map<number, number>();
  const pinOf = new Map<string, number>();
  rules.pins.forEach((pin, i) => {
    if (pin.position > definition.count) problem(`rules.pins.${i}.position`, `must be at most count (${definition.count})`);
    const samePosition = pinAt.get(pin.position);
    if (samePosition !== undefined) problem(`rules.pins.${i}.position`, `position ${pin.position} is already taken by rules.pins.${samePosition}`);
    else pinAt.set(pin.position, i);
    const sameProduct = pinOf.get(pin.productId);
    if (sameProduct !== undefined) problem(`rules.pins.${i}.productId`, `"${pin.productId}" is already pinned by rules.pins.${sameProduct}`);
    else pinOf.set(pin.productId, i);
  });
  return problems;
}
