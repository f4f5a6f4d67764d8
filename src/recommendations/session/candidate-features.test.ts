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

  it('crosses a repeat with every model\'s rank, and tells how often the session clicked it apart, up to three times', () => {
    const clickedOnce = { ...facts, stepsSinceClicked: 1, timesClicked: 1 };
    // repeat, repeat × length, repeat × times × length, and the three models' rank × repeat.
    expect(changed(clickedOnce, facts)).toBe(6);
    expect(changed(clickedOnce, { ...clickedOnce, timesClicked: 2 })).toBe(1);
    expect(changed({ ...clickedOnce, timesClicked: 3 }, { ...clickedOnce, timesClicked: 5 })).toBe(0);
  });

  it('buckets scores far below the best by halvings, alone and paired with every other model', () => {
    const rulesScore = (relativeScore: number): CandidateFacts => ({ ...facts, views: { ...facts.views, rules: { ...facts.views.rules!, relativeScore } } });
    // Both below a tenth of the best, one linear bucket; two halvings apart.
    expect(changed(rulesScore(0.02), rulesScore(0.005))).toBe(3);
    expect(changed(rulesScore(0.3), rulesScore(0.35))).toBe(0);
  });

  it('crosses each model\'s rank with the evidence behind its list, and the rules\' also with the transition share', () => {
    const evidence = (model: string, value: number): CandidateFacts => ({ ...facts, views: { ...facts.views, [model]: { ...facts.views[model]!, evidence: value } } });
    expect(changed(facts, evidence('vsknn', 1000))).toBe(1);
    expect(changed(facts, evidence('rules', 500))).toBe(2);
  });
});
