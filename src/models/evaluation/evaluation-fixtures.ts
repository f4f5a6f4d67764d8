import { classificationMetrics } from './classification-metrics.js';
import type { ClassificationMetrics, DatasetEvaluation } from './evaluation-report.js';
import { seededRandom } from '../../shared/seeded-random.js';

/**
 * A made-up evaluation for tests of the table and the chart: 10 clicks, a `model` whose ranking
 * sharpens with each click, a `constant` scorer at the purchase rate and a 0/1 `has_added_to_cart`.
 * Built through `classificationMetrics`, so every figure is consistent with the others.
 */
export function syntheticDatasetEvaluation(dataset: string, split: string, seed: number): DatasetEvaluation {
  const random = seededRandom(seed);
  const all = { scores: new Map<string, number[]>(), labels: [] as number[] };
  const clicks = Array.from({ length: 10 }, (_, index) => {
    const click = index + 1;
    const labels = Array.from({ length: 200 }, (): number => (random() < 0.1 + 0.02 * click ? 1 : 0));
    const positiveRate = labels.reduce((sum, label) => sum + label, 0) / labels.length;
    const scores: Record<string, number[]> = {
      model: labels.map((label) => 1 / (1 + Math.exp(-(-2 + (label * 2 - 1) * 0.3 * click + (random() - 0.5) * 4)))),
      constant: labels.map(() => positiveRate),
      has_added_to_cart: labels.map((label) => (random() < (label === 1 ? 0.6 : 0.2) ? 1 : 0)),
    };
    all.labels.push(...labels);
    for (const [name, values] of Object.entries(scores)) all.scores.set(name, [...(all.scores.get(name) ?? []), ...values]);
    return { click, scorers: metricsByScorer(scores, labels) };
  });
  return { dataset, split, clicks, overall: metricsByScorer(Object.fromEntries(all.scores), all.labels) };
}

function metricsByScorer(scores: Record<string, number[]>, labels: number[]): Record<string, ClassificationMetrics> {
  return Object.fromEntries(Object.entries(scores).map(([name, values]) => [name, classificationMetrics(values, labels)]));
}
