import type { DatasetEvaluation, Lead } from './evaluation-report.js';

/**
 * One line per click: the model's ROC-AUC lead over the strongest baseline and its interval, and
 * whether it is clear; clicks with too few purchases for an interval say so. When trees were
 * evaluated too, their lead over the model follows, for the clicks that have one.
 */
export function formatLeads(evaluation: DatasetEvaluation): string {
  const lines = evaluation.clicks.map(({ click, lead, scorers }) => {
      if (lead === undefined) return `  click ${String(click).padStart(2)}: too few purchases (${scorers.model?.positives ?? 0}) to tell`;
      return `  click ${String(click).padStart(2)}: ${describe(lead)}`;
    });
  const trees = evaluation.clicks.flatMap(({ click, gbdtLead }) => (gbdtLead ? [`  click ${String(click).padStart(2)}: ${describe(gbdtLead)}`] : []));
  return [
    ...(lines.length === 0 ? [] : ['ROC-AUC lead of the model (paired bootstrap):', ...lines]),
    ...(trees.length === 0 ? [] : ['ROC-AUC lead of the gradient-boosted trees over the model (FTRL):', ...trees]),
  ].join('\n');
}

/** A lead as `+0.110 [+0.070, +0.150] (95%): clearly above has_added_to_cart`. */
function describe({ over, difference, lower, upper, level }: Lead): string {
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
  const verdict = lower > 0 ? 'clearly above' : upper < 0 ? 'clearly below' : 'not distinguishable from';
  return `${signed(difference)} [${signed(lower)}, ${signed(upper)}] (${Math.round(level * 100)}%): ${verdict} ${over}`;
}
