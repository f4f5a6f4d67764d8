import { describe, expect, it } from 'vitest';
import { candidateSlots, type CandidateFacts } from './candidate-features.js';

const facts: CandidateFacts = {
  views: {
    vsknn: { rank: 1, relativeScore: 1, evidence: 100 },
    stan: { rank: 0, relativeScore: 0, evidence: 100 },
    rules: { rank: 4, relativeScore: 0.3, evidence: 50 },
  },
  stepsSinceClicked: -1,
  timesClicked: 0,
  popularity: 100,
  recentPopularity: 10,
  transitionShare: 0.3,
  sessionLength: 2,
};

/** Slots of the first facts that the second do not share. */
function changed(first: CandidateFacts, second: CandidateFacts): number {
  const others = new Set(candidateSlots(second));
  return candidateSlots(first).filter((slot) => !others.has(slot)).length;
}

describe('candidateSlots', () => {
  it('gives equal facts equal slots, and tells transition shares and recent popularity apart by bucket', () => {
    expect(candidateSlots({ ...facts })).toEqual(candidateSlots(facts));
    expect(changed(facts, { ...facts, transitionShare: 0.35 })).toBe(0);
    expect(changed(facts, { ...facts, transitionShare: 0.05 })).toBe(1);
    expect(changed(facts, { ...facts, transitionShare: 0 })).toBe(1);
    expect(changed(facts, { ...facts, recentPopularity: 1000 })).toBe(1);
  });
});
