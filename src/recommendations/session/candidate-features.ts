import { featureSlot, logBucket } from '../../models/epp/feature-hashing.js';

/**
 * One model's view of a candidate: its 1-based rank in the model's list (0: not listed), its score over
 * the list's best, and the evidence behind the whole list (neighbour sessions, or how often the rules'
 * item was followed).
 */
export interface ModelView {
  rank: number;
  relativeScore: number;
  evidence: number;
}

/** What the re-ranker knows of one candidate next item. */
export interface CandidateFacts {
  /** Per model, by name: vsknn, stan, rules (of the last click), rulesBefore (of the click before it). */
  views: Record<string, ModelView>;
  /** Clicks since the candidate was last clicked in the session (0: it is the last click), or -1 if not clicked. */
  stepsSinceClicked: number;
  /** How many times the session clicked the candidate. */
  timesClicked: number;
  /** Live sessions holding the candidate. */
  popularity: number;
  /** Of the blend's window of most recent sessions, those holding the candidate: what is popular now. */
  recentPopularity: number;
  /** How often the candidate was the very click after the session's last item, over how often that item was followed. */
  transitionShare: number;
  /** Clicks of the session so far. */
  sessionLength: number;
}

/**
 * The hashed binary features of a candidate for the blend's logistic regression. Ranks and scores are
 * bucketed so the linear model can learn any monotone or non-monotone shape of each; the crosses let
 * it learn, for example, that rules are worth more when the last item is well supported, or that the
 * two neighbourhoods agreeing matters more than either alone (each pair of models' ranks and score
 * halvings), that a rank means less when few neighbours or rule supports stand behind the list, or that a
 * session's own items (YOOCHOOSE shoppers come back to an item in a quarter of next clicks) are judged by
 * how recently and how often they were clicked. The first-order transition share says what
 * directly follows the last click (the rules blur it over ten steps), and recent popularity what
 * shoppers click now rather than over the whole index, which matters when the test is the next day.
 */
export function candidateSlots(facts: CandidateFacts): number[] {
  const names: string[] = [];
  const ranks: string[] = [];
  const scores: string[] = [];
  const repeat = facts.stepsSinceClicked < 0 ? 'no' : String(Math.min(facts.stepsSinceClicked, 4));
  for (const [model, view] of Object.entries(facts.views)) {
    const rank = rankBucket(view.rank);
    const score = halvings(view.relativeScore);
    ranks.push(rank);
    scores.push(score);
    // A neighbourhood ranks the session's own items high by construction: how high means something else for them.
    names.push(`${model}:rank=${rank}`, `${model}:score=${Math.min(9, Math.floor(view.relativeScore * 10))}`, `${model}:halvings=${score}`, `${model}:rank=${rank}|repeat=${repeat}`);
  }
  const length = String(Math.min(facts.sessionLength, 6));
  const times = String(Math.min(facts.timesClicked, 3));
  const support = logBucket(facts.views.rules?.evidence ?? 0);
  names.push(
    `ranks=${ranks.join('|')}`,
    `repeat=${repeat}`,
    `repeat=${repeat}|length=${length}`,
    `repeat=${repeat}|times=${times}|length=${length}`,
    ...pairs('ranks', Object.keys(facts.views), ranks),
    ...pairs('halvings', Object.keys(facts.views), scores),
    `popularity=${logBucket(facts.popularity)}`,
    `recent=${logBucket(facts.recentPopularity)}|popularity=${logBucket(facts.popularity)}`,
    `transition=${shareBucket(facts.transitionShare)}|support=${support}`,
    ...Object.entries(facts.views).flatMap(([model, view], i) => [`${model}:rank=${ranks[i]}|length=${length}`, `${model}:rank=${ranks[i]}|evidence=${logBucket(view.evidence)}`]),
  );
  return names.map(featureSlot);
}

/** Each pair of models' buckets of one kind: two lists agreeing on a candidate says more than either alone. */
function pairs(kind: string, models: readonly string[], buckets: readonly string[]): string[] {
  const crosses: string[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) crosses.push(`${kind}:${models[i]}×${models[j]}=${buckets[i]}|${buckets[j]}`);
  }
  return crosses;
}

/**
 * How many times the best score halves down to this one (0–12, "none" when unlisted): scores fall off
 * geometrically down a list, so the tenths of the best that the linear buckets tell apart lump most of it in one.
 */
function halvings(relativeScore: number): string {
  return relativeScore > 0 ? String(Math.min(12, Math.floor(-Math.log2(relativeScore)))) : 'none';
}

/** 0, then shares on a log scale: below 1%, 1–2%, 2–5%, 5–10%, 10–20%, 20–40%, 40% and more. */
function shareBucket(share: number): string {
  if (share === 0) return '0';
  const bounds = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
  const bucket = bounds.findIndex((bound) => share < bound);
  return bucket === -1 ? '40%+' : `<${bounds[bucket]}`;
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
