import { describe, expect, it } from 'vitest';
import { FtrlLogisticRegression } from './ftrl-logistic-regression.js';
import { OnlineLearner } from './online-learner.js';

const MINUTE = 60_000;
const example = (slot: number) => Int32Array.of(slot);

describe('OnlineLearner', () => {
  it('settles the sessions quiet past the timeout, quietest first, and keeps one that spoke up again', () => {
    const learner = new OnlineLearner(new FtrlLogisticRegression());
    learner.observe('a', 's-a', 0, example(1));
    learner.observe('b', 's-b', 1 * MINUTE, example(2));
    learner.observe('a', 's-a', 2 * MINUTE, example(3));
    learner.expire(32 * MINUTE);
    expect(learner.takeTally()).toMatchObject({ updates: 1, labels: [0] });
    expect(learner.pendingSessions).toBe(1);
    learner.purchased('a', 's-a');
    expect(learner.takeTally()).toMatchObject({ updates: 2, labels: [1, 1] });
    expect(learner.pendingSessions).toBe(0);
  });

  it('settles a channel’s earlier session as not buying when a new one starts, and ignores a purchase of another session', () => {
    const learner = new OnlineLearner(new FtrlLogisticRegression());
    learner.observe('a', 's1', 0, example(1));
    learner.purchased('a', 's0');
    expect(learner.takeTally().updates).toBe(0);
    learner.observe('a', 's2', MINUTE, example(2));
    expect(learner.takeTally()).toMatchObject({ updates: 1, labels: [0] });
  });

  it('past its bound settles the least recently active session as not buying', () => {
    const learner = new OnlineLearner(new FtrlLogisticRegression(), 2);
    learner.observe('a', 's-a', 0, example(1));
    learner.observe('b', 's-b', 1, example(2));
    learner.observe('a', 's-a', 2, example(3));
    learner.observe('c', 's-c', 3, example(4));
    expect(learner.takeTally()).toMatchObject({ updates: 1, labels: [0] });
    learner.purchased('a', 's-a');
    expect(learner.takeTally()).toMatchObject({ updates: 2, labels: [1, 1] });
    expect(learner.pendingSessions).toBe(1);
  });

  it('learns each example of a session exactly as observed, in order, however many and however long', () => {
    const updates: number[][] = [];
    const model = { update: (slots: Int32Array, label: number) => (updates.push([label, ...slots]), 0.5) } as unknown as FtrlLogisticRegression;
    const learner = new OnlineLearner(model);
    const examples = [Int32Array.of(1, 2, 3), Int32Array.of(4), Int32Array.of(5, 6, 7, 8, 9, 10, 11), Int32Array.of(12, 13)];
    examples.forEach((slots, i) => learner.observe('a', 's-a', i, slots));
    learner.purchased('a', 's-a');
    expect(updates).toEqual(examples.map((slots) => [1, ...slots]));
  });
});
