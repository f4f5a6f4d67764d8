import type { FtrlCandidate } from '../epp/epp-training.js';
import type { GbdtSettings } from '../gbdt/gradient-boosted-trees.js';
import type { SelectionRow } from './model-selection.js';

/** How well scores rank and how well they are calibrated, for one set of (score, label) pairs. */
export interface ClassificationMetrics {
  examples: number;
  positives: number;
  /** Area under the ROC curve; tied scores count half (0.5 for a constant). */
  rocAuc: number;
  /** Average precision (area under the precision-recall curve, tied scores taken as one step). */
  prAuc: number;
  /** Mean negative log-likelihood, scores clipped to [1e-15, 1 - 1e-15]. */
  logLoss: number;
  brier: number;
  /** Expected calibration error over equal-width bins: Σ (n_b / n) · |mean score_b − positive rate_b|. */
  ece: number;
  reliability: ReliabilityBin[];
  /** The threshold that maximises F1 ("predict a purchase when score ≥ threshold"), and what it gives. */
  atBestF1: ThresholdResult;
  /** The threshold that maximises accuracy, and what it gives. */
  atBestAccuracy: ThresholdResult;
}

export interface ReliabilityBin {
  /** Bin bounds on the score axis, [from, to). */
  from: number;
  to: number;
  examples: number;
  meanScore: number;
  positiveRate: number;
}

export interface ThresholdResult {
  threshold: number;
  accuracy: number;
  f1: number;
  precision: number;
  recall: number;
}

/** One scorer's metrics at one click of the session. */
export interface ClickEvaluation {
  /** Predictions made right after the session's `click`-th event (sessions with that many events before any purchase). */
  click: number;
  /** The model and each baseline by name (e.g. `model`, `constant`, `has_added_to_cart`). */
  scorers: Record<string, ClassificationMetrics>;
  /** The model's ROC-AUC minus the strongest baseline's, with a paired bootstrap interval (lower > 0: clearly above). */
  lead?: Lead;
  /** The trees' ROC-AUC minus the model's (FTRL's), when trees were evaluated too. */
  gbdtLead?: Lead;
}

/** One scorer's ROC-AUC minus another's (`over`) on the same examples, with a paired bootstrap interval. */
export interface Lead {
  over: string;
  difference: number;
  lower: number;
  upper: number;
  level: number;
}

/** An evaluation of one data set: metrics per click, plus the whole-test-set figures. */
export interface DatasetEvaluation {
  dataset: string;
  /** What was trained on and tested on, in words (e.g. "sessions starting before 2017-12-02 / after"). */
  split: string;
  clicks: ClickEvaluation[];
  /** Metrics over every prediction of the test set, any click. */
  overall: Record<string, ClassificationMetrics>;
  /** How each model family's settings were chosen on the validation slice (every setting tried, the chosen one marked). */
  selection?: FamilySelections;
  /** Seconds each family took to be chosen on validation and retrained on the whole training period. */
  trainingSeconds?: { ftrl: number; gbdt?: number };
}

/** The selection tables of both model families on one validation slice. */
export interface FamilySelections {
  rule: string;
  ftrl: SelectionRow<FtrlCandidate>[];
  gbdt?: SelectionRow<GbdtSettings>[];
}
