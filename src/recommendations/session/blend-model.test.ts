import { describe, expect, it } from 'vitest';
import { BlendModel } from './blend-model.js';

/** Sessions where A is followed by `next`, and the rest of the stream by unrelated pairs. */
function feed(model: BlendModel, pattern: [string, number][]): void {
  let session = 0;
  for (const [next, times] of pattern) {
    for (let i = 0; i < times; i++) {
      model.addClick(`s${session}`, 'A', session);
      model.addClick(`s${session}`, next, session);
      model.addClick(`s${session}`, `tail${session % 7}`, session);
      session++;
    }
  }
}

describe('BlendModel', () => {
  it('learns from the stream to rank the item that really follows first', () => {
    const model = new BlendModel({ learningShare: 1 });
    feed(model, [
      ['C', 10],
      ['B', 40],
    ]);
    const answer = model.predictWithEvidence(['A'], 5);
    expect(answer.items[0]!.itemId).toBe('B');
    expect(answer.items.map((item) => item.itemId)).toContain('C');
    expect(answer.evidence).toBe(50);
  });

  it('learns that a just-clicked item is rarely clicked again when the stream says so', () => {
    const model = new BlendModel({ learningShare: 1 });
    feed(model, [['B', 60]]);
    // A, the query's own click, is in every neighbour; the ranker must learn it is not what comes next.
    expect(model.predictNext(['A'], 3)[0]!.itemId).toBe('B');
    expect(model.predictNext(['unknown'], 3)).toEqual([]);
  });

  it('gives the same answers for the same stream and seed', () => {
    const first = new BlendModel({ learningShare: 0.5, seed: 7 });
    const second = new BlendModel({ learningShare: 0.5, seed: 7 });
    feed(first, [['B', 30]]);
    feed(second, [['B', 30]]);
    expect(first.predictNext(['A'], 5)).toEqual(second.predictNext(['A'], 5));
  });
});
