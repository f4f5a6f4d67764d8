import { describe, expect, it } from 'vitest';
import type { SessionNextModel } from './session-next-model.js';
import { VsknnModel } from './vsknn-model.js';

function feed(model: SessionNextModel, sessions: string[][]): void {
  sessions.forEach((items, s) => items.forEach((item) => model.addClick(`s${s}`, item, s)));
}

describe('VsknnModel', () => {
  it('prefers neighbours sharing the most recent click: the last click weighs more than earlier ones', () => {
    const model = new VsknnModel({ idf: false });
    feed(model, [
      ['A', 'X'],
      ['B', 'Y'],
    ]);
    const ranked = model.predictNext(['A', 'B'], 10).map((item) => item.itemId);
    expect(ranked.indexOf('Y')).toBeLessThan(ranked.indexOf('X'));
  });

  it('scores an item by the summed similarity of the neighbours holding it', () => {
    const model = new VsknnModel({ idf: false, decay: 'div' });
    feed(model, [
      ['A', 'X'],
      ['A', 'X'],
      ['A', 'Y'],
    ]);
    const scores = Object.fromEntries(model.predictNext(['A'], 10).map((item) => [item.itemId, item.score]));
    expect(scores).toEqual({ A: 3, X: 2, Y: 1 });
  });

  it('with IDF, a shared rare item outweighs a shared popular one', () => {
    const sessions = [['P', 'R', 'T1'], ['P', 'T2'], ['P', 'Z'], ['P', 'Z'], ['Q', 'Z']];
    const plain = new VsknnModel({ idf: false, decay: 'div' });
    const idf = new VsknnModel({ idf: true, decay: 'div' });
    feed(plain, sessions);
    feed(idf, sessions);
    const rank = (model: VsknnModel, item: string) => model.predictNext(['R', 'P'], 10).findIndex((scored) => scored.itemId === item);
    // Without IDF the last click P carries the query; with it the rare R (1 session of 5) does.
    expect(rank(plain, 'T1')).toBeGreaterThan(rank(plain, 'Z'));
    expect(rank(idf, 'T1')).toBeLessThan(rank(idf, 'Z'));
  });

  it('keeps only the `neighbours` most similar sessions, and knows nothing of unseen items', () => {
    const model = new VsknnModel({ idf: false, neighbours: 1 });
    feed(model, [
      ['A', 'B', 'X'],
      ['A', 'Y'],
    ]);
    expect(model.predictNext(['A', 'B'], 10).map((item) => item.itemId)).toEqual(['A', 'B', 'X']);
    expect(model.predictNext(['unknown'], 10)).toEqual([]);
  });
});
