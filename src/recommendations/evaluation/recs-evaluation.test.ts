import { describe, expect, it } from 'vitest';
import type { Interaction } from '../interaction.js';
import { evaluatedStrategies } from './evaluated-strategies.js';
import { engineStrategy } from './evaluated-strategies.js';
import { evaluateStrategies, type EvaluationSplit } from './recs-evaluation.js';
import { formatRecsTable } from './recs-evaluation-table.js';
import { SRGNN_YOOCHOOSE_1_64_PUBLISHED } from './srgnn-published.js';

const view = (sessionId: string, itemId: string): Interaction => ({ sessionId, profileId: sessionId, itemId, kind: 'view', at: 1 });
const query = (sessionItems: string[], target: string) => ({ context: { now: 2, products: [], cart: [], sessionItems }, target });

const split: EvaluationSplit = {
  dataset: 'hand-made',
  split: 'a few sessions',
  training: [view('1', 'A'), view('1', 'B'), view('2', 'A'), view('2', 'B'), view('3', 'C'), view('3', 'B')],
  queries: [query(['A'], 'B'), query(['C'], 'A'), query(['A'], 'UNSEEN')],
};

describe('evaluateStrategies', () => {
  it('feeds training to each strategy, then scores its answers to every query', () => {
    const [outcome] = evaluateStrategies(split, [engineStrategy('popular')], [1, 2]).strategies;
    // popular: B (3 clicks), A (2): B hits the first query at rank 1, A the second at rank 2.
    expect(outcome!.metrics[0]).toMatchObject({ k: 1, hitRate: 1 / 3, mrr: 1 / 3 });
    expect(outcome!.metrics[1]).toMatchObject({ k: 2, hitRate: 2 / 3, mrr: (1 + 1 / 2) / 3 });
  });

  it('runs every evaluated strategy, counts unseen targets and prints the published rows beside ours', () => {
    const evaluation = evaluateStrategies(split, evaluatedStrategies(), [10, 20]);
    expect(evaluation.strategies.map((outcome) => outcome.strategy)).toEqual(['popular', 'viewed_together', 'bought_together', 'trending', 'session_next:sr', 'session_next:vsknn', 'session_next:stan', 'session_next:blend']);
    expect(evaluation.unseenTargets).toBe(1);
    expect(evaluation.strategies.find((outcome) => outcome.strategy === 'session_next:sr')!.metrics[0]!.hitRate).toBe(1 / 3);
    const table = formatRecsTable(evaluation, SRGNN_YOOCHOOSE_1_64_PUBLISHED);
    expect(table).toContain('SR-GNN (published)');
    expect(table).toMatch(/SR-GNN \(published\)\s+—\s+—\s+—\s+70\.57\s+30\.94/);
  });
});
