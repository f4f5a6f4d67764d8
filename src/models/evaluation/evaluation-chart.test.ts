import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';
import { renderEvaluationChart } from './evaluation-chart.js';
import { syntheticDatasetEvaluation } from './evaluation-fixtures.js';
import type { DatasetEvaluation } from './evaluation-report.js';

/** Every tag closed in order and every `&` an entity: enough XML to know a browser or converter will take it. */
function expectWellFormedXml(svg: string): void {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)(?:\s[^>]*?)?(\/?)>/g)) {
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name!);
  }
  expect(open).toEqual([]);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
}

/** The strings drawn as text, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));
}

describe('renderEvaluationChart', () => {
  it('renders one data set as a standalone SVG with its title, the three panels and every scorer', async () => {
    const svg = await renderEvaluationChart([syntheticDatasetEvaluation('rees46', 'October / November', 1)]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expectWellFormedXml(svg);
    const drawn = texts(svg);
    expect(drawn).toContain('rees46 — October / November');
    expect(drawn).toEqual(expect.arrayContaining(['ROC-AUC by click', 'PR-AUC by click', 'Reliability: model at click 5']));
    expect(drawn).toEqual(expect.arrayContaining(['model', 'constant', 'has_added_to_cart']));
    // Three scorers in each of the two by-click panels, then the diagonal and the model's curve.
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(8);
  });

  it('stacks one row per data set, each with its own title, and escapes names for XML', async () => {
    const svg = await renderEvaluationChart([
      syntheticDatasetEvaluation('rees46', 'October / November', 1),
      syntheticDatasetEvaluation('H&M', 'weeks 1–8 / week 9', 2),
    ]);
    expectWellFormedXml(svg);
    expect(texts(svg)).toEqual(expect.arrayContaining(['rees46 — October / November', 'H&M — weeks 1–8 / week 9']));
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(16);
  });

  it('draws a click without purchases as a gap and says when the model has no predictions at click 5', async () => {
    const ranked = classificationMetrics([0.9, 0.1], [1, 0]);
    const noPurchase = classificationMetrics([0.1, 0.2], [0, 0]);
    const short: DatasetEvaluation = {
      dataset: 'tiny',
      split: 'all / all',
      clicks: [1, 2, 3].map((click) => ({ click, scorers: { model: click === 2 ? noPurchase : ranked } })),
      overall: { model: noPurchase },
    };
    const svg = await renderEvaluationChart([short]);
    expectWellFormedXml(svg);
    expect(texts(svg)).toContain('Reliability: model at click 5 (no predictions)');
    const rocAucLine = svg.match(/aria-roledescription="line mark" d="([^"]*)"/)![1]!;
    expect(rocAucLine.match(/M/g)).toHaveLength(2);
    expect(svg).not.toContain('NaN');
  });

  it('refuses an empty list', async () => {
    await expect(renderEvaluationChart([])).rejects.toThrow(RangeError);
  });
});
