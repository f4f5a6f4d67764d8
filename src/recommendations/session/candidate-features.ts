import { featureSlot, logBucket } from '../../models/epp/feature-hashing.js';

/** One model's view of a candidate: its 1-based rank in the model's list (0: not listed) and its score over the list's best. */
export interface ModelView {
  rank: number;
  relativeScore: number;
}

/** What the re-ranker knows of one candidate next item. */
export interface CandidateFacts {
  /** Per model, by name: vsknn, stan, rules. */
  views: Record<string, ModelView>;
  /** Clicks since the candidate was last clicked in the session (0: it is the last click), or -1 if not clicked. */
  stepsSinceClicked: number;
  /** Live sessions holding the candidate. */
  popularity: number;
  /** Clicks of the session so far. */
  sessionLength: number;
  /** How often the session's last item was directly followed by a click: how much the rules know. */
  rulesSupport: number;
}

/**
 * The hashed binary features of a candidate for the blend's logistic regression. Ranks and scores are
 * bucketed so the linear model can learn any monotone or non-monotone shape of each; the crosses let
 * it learn, for example, that rules are worth more when the last item is well supported, or that the
 * two neighbourhoods agreeing matters more than either alone.
 */
export function candidateSlots(facts: CandidateFacts): number[] {
  const names: string[] = [];
  const ranks: string[] = [];
  for (const [model, view] of Object.entries(facts.views)) {
    const rank = rankBucket(view.rank);
    ranks.push(rank);
    names.push(`${model}:rank=${rank}`, `${model}:score=${Math.min(9, Math.floor(view.relativeScore * 10))}`);
  }
  const repeat = facts.stepsSinceClicked < 0 ? 'no' : String(Math.min(facts.stepsSinceClicked, 4));
  const length = String(Math.min(facts.sessionLength, 6));
  const support = logBucket(facts.rulesSupport);
  names.push(
    `ranks=${ranks.join('|')}`,
    `repeat=${repeat}`,
    `repeat=${repeat}|length=${length}`,
    `popularity=${logBucket(facts.popularity)}`,
    `rulesRank=${rankBucket(facts.views.rules?.rank ?? 0)}|support=${support}`,
    ...Object.entries(facts.views).map(([model, view]) => `${model}:rank=${rankBucket(view.rank)}|length=${length}`),
  );
  return names.map(featureSlot);
}

/** 1, 2, 3, 4–5, 6–10, 11–20, 21–50, beyond, and 0 for "not listed". */
function rankBucket(rank: number): string {
  if (rank === 0) return 'none';
  if (rank <= 3) return String(rank);
  if (rank <= 5) return '4-5';
  if (rank <= 10) return '6-10';
  if (rank <= 20) return '11-20';
  return rank <= 50 ? '21-50' : '51+';
}
