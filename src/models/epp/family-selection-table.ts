import type { FamilySelections } from '../evaluation/evaluation-report.js';
import { formatSelectionTable } from '../evaluation/selection-table.js';
import type { GbdtSettings } from '../gbdt/gradient-boosted-trees.js';
import type { FtrlCandidate } from './epp-training.js';

/** An FTRL setting in a few words (beta is 1 throughout the grid). */
export function describeFtrl({ epochs, settings }: FtrlCandidate): string {
  return `FTRL passes ${epochs}, alpha ${settings.alpha}, L1 ${settings.l1}, L2 ${settings.l2}`;
}

/** A tree setting in a few words (trees kept are shown beside it). */
export function describeGbdt(settings: GbdtSettings): string {
  return `GBDT depth ${settings.maxDepth}, rate ${settings.learningRate}, min leaf ${settings.minSamplesLeaf}, L2 ${settings.l2}`;
}

/** Both families' selection tables with the rule that chose, for the terminal. */
export function formatFamilySelections(selections: FamilySelections): string {
  return [
    `settings chosen on validation: ${selections.rule}`,
    formatSelectionTable('FTRL on validation', selections.ftrl, describeFtrl),
    ...(selections.gbdt ? [formatSelectionTable('gradient-boosted trees on validation', selections.gbdt, describeGbdt)] : []),
  ].join('\n');
}

/** How long each family took to be chosen and retrained, in one line. */
export function formatTrainingSeconds(seconds: { ftrl: number; gbdt?: number }): string {
  return `training (grid on validation + retraining the chosen setting): FTRL ${seconds.ftrl.toFixed(1)} s${seconds.gbdt === undefined ? '' : `, GBDT ${seconds.gbdt.toFixed(1)} s`}`;
}
