import type { Liquid } from 'liquidjs';
import { Errors } from '../shared/errors.js';
import { isPulledChannel, type CampaignInput } from './campaign.js';
import { parseCondition } from './conditions/parse-condition.js';
import { templateProblem } from './templates/liquid-engine.js';

/**
 * What the schema cannot say about a campaign, checked when it is saved so a broken campaign never
 * reaches a shopper: conditions, templates, time ranges and channels that fit the trigger. Every
 * error names the field, e.g. `variants.1.content.body`.
 */
export function checkCampaign(input: CampaignInput, liquid: Liquid): void {
  if (input.audience !== undefined) parseCondition(input.audience, 'audience');
  if (input.trigger.type === 'event') parseCondition(input.trigger.when, 'trigger.when');
  if (input.trigger.type === 'propensity' && input.trigger.min > input.trigger.max) fail('trigger.min', 'must not be above trigger.max');

  if (input.optimization !== undefined) {
    if (input.optimization.band.min > input.optimization.band.max) fail('optimization.band.min', 'must not be above optimization.band.max');
    if (input.goal === undefined) fail('goal', 'is required with optimization: the bandit learns from conversions to the goal within its window');
    if (input.variants.length < 2) fail('variants', 'needs at least two variants for optimization to choose among');
  }

  const startsAt = timeOf(input.schedule?.startsAt, 'schedule.startsAt');
  const endsAt = timeOf(input.schedule?.endsAt, 'schedule.endsAt');
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) fail('schedule.endsAt', 'must be after schedule.startsAt');

  const seen = new Set<string>();
  input.variants.forEach((variant, i) => {
    if (seen.has(variant.id)) fail(`variants.${i}.id`, `"${variant.id}" is used by another variant of this campaign`);
    seen.add(variant.id);
    if (input.trigger.type === 'placement' && !isPulledChannel(variant.channel)) {
      fail(`variants.${i}.channel`, `a placement is pulled by web, app or kiosk; ${variant.channel} is pushed, so it needs an event or timer trigger`);
    }
    const templates: Array<[string, string | undefined]> = [
      ['title', variant.content.title],
      ['body', variant.content.body],
      ['cta.label', variant.content.cta?.label],
      ['cta.url', variant.content.cta?.url],
      ['imageUrl', variant.content.imageUrl],
    ];
    for (const [field, template] of templates) {
      const problem = template === undefined ? undefined : templateProblem(liquid, template);
      if (problem !== undefined) fail(`variants.${i}.content.${field}`, problem);
      if (template !== undefined && variant.coupon === undefined && quotes(liquid, template, 'coupon')) {
        fail(`variants.${i}.coupon`, `is required: content.${field} quotes coupon.*, so the variant must name the pool its codes come from`);
      }
      if (template !== undefined && variant.recommendations === undefined && quotes(liquid, template, 'recommendations')) {
        fail(`variants.${i}.recommendations`, `is required: content.${field} quotes recommendations, so the variant must name the placement they come from`);
      }
      if (template !== undefined && variant.offer === undefined && quotes(liquid, template, 'offer')) {
        fail(`variants.${i}.offer`, `is required: content.${field} quotes offer.*, so the variant must say how long the offer is valid (offer.validFor)`);
      }
    }
  });
}

/** Whether a template reads a root that only some variants provide (`coupon`, `offer`, `recommendations`). */
function quotes(liquid: Liquid, template: string, root: string): boolean {
  return liquid.globalFullVariablesSync(liquid.parse(template)).some((path) => path === root || path.startsWith(`${root}.`));
}

function timeOf(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) fail(field, 'must be an ISO-8601 time such as 2026-12-01T09:00:00Z');
  return at;
}

function fail(field: string, problem: string): never {
  throw Errors.invalidRequest([{ field, problem }]);
}
