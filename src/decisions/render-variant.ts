import type { Liquid, Template } from 'liquidjs';
import type { Intervention } from './decide-request.js';
import type { CompiledVariant } from './campaign-registry.js';

export type RenderOutcome = { ok: true; content: Intervention['content'] } | { ok: false; reason: 'missing_fact' | 'fact_not_true' | 'template_failed'; detail: string };

const SIMPLE_PATH = /^[\w-]+(\.[\w-]+)*$/;

/** Text that must never reach a shopper: the marks of a value that was not there. */
const BROKEN_OUTPUT = /\bundefined\b|\bNaN\b|\[object Object\]|\{\{|\}\}/;

/**
 * Renders a variant only if everything it says is true now. Facts must be present (the engine runs
 * with strict variables, so a missing one fails the render); urgency needs real low stock, between 1
 * and the threshold; social proof needs every product count it quotes to be at least 1 ("0 people
 * bought this" proves nothing). The output is checked for the marks of a missing value as a last guard.
 */
export function renderVariant(liquid: Liquid, compiled: CompiledVariant, values: Record<string, unknown>, lowStockThreshold: number): RenderOutcome {
  const kindProblem = kindRuleProblem(compiled, values, lowStockThreshold);
  if (kindProblem !== undefined) return { ok: false, reason: 'fact_not_true', detail: kindProblem };
  for (const fact of compiled.requiredFacts) {
    if (liquidValueAt(values, fact) === undefined) return { ok: false, reason: 'missing_fact', detail: `${fact} is not known` };
  }
  try {
    const render = (template: Template[] | undefined) => (template === undefined ? undefined : liquid.renderSync(template, values) as string);
    const body = render(compiled.templates.body)!;
    const content: Intervention['content'] = { body };
    const title = render(compiled.templates.title);
    if (title !== undefined) content.title = title;
    if (compiled.templates.ctaLabel && compiled.templates.ctaUrl) content.cta = { label: render(compiled.templates.ctaLabel)!, url: render(compiled.templates.ctaUrl)! };
    const imageUrl = render(compiled.templates.imageUrl);
    if (imageUrl !== undefined) content.imageUrl = imageUrl;
    const texts = [content.title, content.body, content.cta?.label, content.cta?.url, content.imageUrl].filter((text) => text !== undefined);
    const broken = texts.find((text) => BROKEN_OUTPUT.test(text));
    if (broken !== undefined) return { ok: false, reason: 'template_failed', detail: `rendered text would show a missing value: "${broken.slice(0, 120)}"` };
    if (body.trim() === '') return { ok: false, reason: 'template_failed', detail: 'the body rendered empty' };
    return { ok: true, content };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missing = /undefined variable: (.+?), line:/.exec(message);
    if (!missing) return { ok: false, reason: 'template_failed', detail: message };
    // Liquid stops at the first missing variable and a thrown error costs ~20 µs; remember the fact so
    // the next shopper without it is turned away by a lookup. (A fact needed only inside a branch is
    // then asked of everyone: the variant is shown less, never wrongly.) Paths with quoted keys are not
    // remembered: they cannot be told apart from dotted ones.
    const fact = missing[1]!;
    if (SIMPLE_PATH.test(fact)) compiled.requiredFacts.add(fact);
    return { ok: false, reason: 'missing_fact', detail: `${fact} is not known` };
  }
}

/** A dotted path read the way Liquid reads it: `first`, `last` and `size` work on lists (and `size` on text). */
function liquidValueAt(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && (segment === 'first' || segment === 'last' || segment === 'size')) {
      current = segment === 'size' ? current.length : segment === 'first' ? current[0] : current[current.length - 1];
    } else if (typeof current === 'string' && segment === 'size') {
      current = current.length;
    } else if (typeof current === 'object') {
      current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

function kindRuleProblem(compiled: CompiledVariant, values: Record<string, unknown>, lowStockThreshold: number): string | undefined {
  const product = values.product as Record<string, unknown> | undefined;
  if (compiled.variant.kind === 'urgency') {
    const inventory = product?.inventory;
    if (typeof inventory !== 'number') return 'urgency needs the product in context with tracked inventory';
    if (inventory < 1 || inventory > lowStockThreshold) return `product.inventory is ${inventory}; urgency is shown only from 1 to ${lowStockThreshold}`;
  }
  if (compiled.variant.kind === 'social_proof') {
    for (const fact of compiled.facts) {
      if (!fact.startsWith('product.')) continue;
      const value = product?.[fact.slice('product.'.length)];
      if (typeof value === 'number' && value < 1) return `${fact} is ${value}; social proof needs at least 1`;
    }
  }
  return undefined;
}
