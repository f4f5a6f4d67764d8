import type { DatasetEvaluation } from './evaluation-report.js';

/**
 * One line per click: the model's ROC-AUC lead over the strongest baseline and its interval, and
 * whether it is clear; clicks with too few purchases for an interval say so.
 */
export function formatLeads(evaluation: DatasetEvaluation): string {
  const lines = evaluation.clicks.map(({ click, lead, scorers }) => {
      if (lead === undefined) return `  click ${String(click).padStart(2)}: too few purchases (${scorers.model?.positives ?? 0}) to tell`;
      const { over, difference, lower, upper, level } = lead;
      const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
      const verdict = lower > 0 ? 'clearly above' : upper < 0 ? 'clearly below' : 'not distinguishable from';
      return `  click ${String(click).padStart(2)}: ${signed(difference)} [${signed(lower)}, ${signed(upper)}] (${Math.round(level * 100)}%): ${verdict} ${over}`;
    });
  return lines.length === 0 ? '' : `ROC-AUC lead of the model (paired bootstrap):\n${lines.join('\n')}`;
}
