/**
 * Checks one set of (score, label) pairs before any metric is computed, so every metric can assume
 * equal lengths, labels of exactly 0 or 1, and probabilities. Scores must lie in [0, 1] because log
 * loss, Brier and the reliability bins are only meaningful for probabilities; a raw logit passed by
 * mistake would otherwise give plausible-looking nonsense.
 *
 * @throws RangeError naming the argument (`scoresName` for the scores) and the first offending index.
 */
export function checkScoredLabels(scores: ArrayLike<number>, labels: ArrayLike<number>, scoresName = 'scores'): void {
  if (scores.length !== labels.length) {
    throw new RangeError(`${scoresName} and labels differ in length (${scores.length} scores, ${labels.length} labels); pass one label per score`);
  }
  if (scores.length === 0) {
    throw new RangeError(`${scoresName} and labels are empty; metrics need at least one example`);
  }
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (!Number.isFinite(score)) {
      throw new RangeError(`${scoresName}[${i}] is ${score}; scores must be finite probabilities in [0, 1]`);
    }
    if (score < 0 || score > 1) {
      throw new RangeError(`${scoresName}[${i}] is ${score}; scores must be probabilities in [0, 1]`);
    }
    const label = labels[i]!;
    if (label !== 0 && label !== 1) {
      throw new RangeError(`labels[${i}] is ${label}; labels must be 0 or 1`);
    }
  }
}
