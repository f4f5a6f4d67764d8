import { describe, expect, it } from 'vitest';
import { createLiquidEngine } from '../campaigns/templates/liquid-engine.js';
import type { Variant } from '../campaigns/campaign.js';
import { renderVariant } from './render-variant.js';

const liquid = createLiquidEngine();

function compiled(variant: Partial<Variant> & { content: Variant['content'] }) {
  const full: Variant = { id: 'v', kind: 'custom', channel: 'web', ...variant };
  const templates = { body: liquid.parse(full.content.body), ...(full.content.title ? { title: liquid.parse(full.content.title) } : {}) };
  return { variant: full, templates, facts: liquid.globalFullVariablesSync(templates.body), requiredFacts: new Set<string>() };
}

describe('renderVariant', () => {
  const values = { profile: { traits: { firstName: 'Sarah', tags: ['vip'] } }, product: { name: 'Trail runner', inventory: 3, purchasesToday: 10, viewsLastHour: 0 } };

  it('renders title and body from the facts', () => {
    expect(renderVariant(liquid, compiled({ content: { title: 'Hi {{ profile.traits.firstName }}', body: '{{ product.name }}: {{ product.purchasesToday }} sold today' } }), values, 5)).toEqual({
      ok: true,
      content: { title: 'Hi Sarah', body: 'Trail runner: 10 sold today' },
    });
  });

  it('refuses output that would show a missing value or an object', () => {
    expect(renderVariant(liquid, compiled({ content: { body: 'Your tags: {{ profile.traits }}' } }), values, 5)).toMatchObject({ ok: false, reason: 'template_failed' });
    expect(renderVariant(liquid, compiled({ content: { body: '{% if product.rating %}{% endif %}' } }), values, 5)).toMatchObject({ ok: false, reason: 'template_failed', detail: 'the body rendered empty' });
  });

  it('remembers a fact a render failed without, and turns the next shopper without it away before rendering', () => {
    const variant = compiled({ content: { body: 'Back for {{ lifetime.favouriteCategories.first.name }}?' } });
    const stranger = { profile: { traits: {} } };
    expect(renderVariant(liquid, variant, stranger, 5)).toEqual({ ok: false, reason: 'missing_fact', detail: 'lifetime is not known' });
    expect([...variant.requiredFacts]).toEqual(['lifetime']);
    expect(renderVariant(liquid, variant, stranger, 5)).toEqual({ ok: false, reason: 'missing_fact', detail: 'lifetime is not known' });
    expect(renderVariant(liquid, variant, { lifetime: { favouriteCategories: [] } }, 5)).toMatchObject({ ok: false, reason: 'missing_fact' });
    expect([...variant.requiredFacts]).toEqual(['lifetime', 'lifetime.favouriteCategories.first']);
    expect(renderVariant(liquid, variant, { lifetime: { favouriteCategories: [] } }, 5)).toMatchObject({ ok: false, reason: 'missing_fact' });
    expect(renderVariant(liquid, variant, { lifetime: { favouriteCategories: [{ name: 'shoes' }] } }, 5)).toEqual({ ok: true, content: { body: 'Back for shoes?' } });
  });

  it('needs social proof to quote counts of at least 1 and urgency to be real low stock', () => {
    expect(renderVariant(liquid, compiled({ kind: 'social_proof', content: { body: '{{ product.viewsLastHour }} viewing now' } }), values, 5)).toMatchObject({ ok: false, reason: 'fact_not_true' });
    expect(renderVariant(liquid, compiled({ kind: 'urgency', content: { body: 'Only {{ product.inventory }} left' } }), values, 2)).toMatchObject({ ok: false, reason: 'fact_not_true' });
    expect(renderVariant(liquid, compiled({ kind: 'urgency', content: { body: 'Only {{ product.inventory }} left' } }), values, 5)).toMatchObject({ ok: true, content: { body: 'Only 3 left' } });
    expect(renderVariant(liquid, compiled({ kind: 'urgency', content: { body: 'Hurry' } }), { product: { name: 'x' } }, 5)).toMatchObject({ ok: false, reason: 'fact_not_true' });
  });
});
