import { describe, expect, it } from 'vitest';
import { createLiquidEngine, templateProblem } from './liquid-engine.js';

describe('the Liquid engine of templates', () => {
  const liquid = createLiquidEngine();

  it('groups thousands with format_number, and fails rather than print a non-number', async () => {
    expect(await liquid.parseAndRender('Redeem your {{ points | format_number }} points', { points: 1200 })).toBe('Redeem your 1,200 points');
    expect(await liquid.parseAndRender('{{ total | format_number }}', { total: 1234.567 })).toBe('1,234.57');
    await expect(liquid.parseAndRender('{{ points | format_number }}', { points: 'many' })).rejects.toThrow(/format_number needs a number/);
  });

  it('refuses unknown filters and file tags when a template is saved, with the position', () => {
    expect(templateProblem(liquid, '{{ name | shout }}')).toMatch(/line 1, col 1: .*shout/);
    expect(templateProblem(liquid, '{% include "x" %}')).toMatch(/cannot read other files/);
    expect(templateProblem(liquid, 'Hello {{ name }}')).toBeUndefined();
  });
});
