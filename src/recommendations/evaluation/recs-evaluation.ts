import { performance } from 'node:perf_hooks';
import type { Interaction } from '../interaction.js';
import type { RecommendationContext } from '../strategies/strategy.js';
import type { EvaluatedStrategy } from './evaluated-strategy.js';
import { NextItemMetricsAccumulator, type NextItemMetrics } from './next-item-metrics.js';

/** One query of an offline protocol: what the strategy is told, and the item the shopper really chose. */
export interface EvaluationQuery {
  context: RecommendationContext;
  target: string;
}

/** A data set cut into what the strategies learn from and what they are asked. */
export interface EvaluationSplit {
  dataset: string;
  /** The protocol and the cut, in words. */
  split: string;
  training: readonly Interaction[];
  queries: readonly EvaluationQuery[];
}

export interface StrategyOutcome {
  strategy: string;
  /** Wall time to observe every training interaction. */
  trainingMs: number;
  /** Mean wall time of one `recommend` call. */
  msPerQuery: number;
  metrics: NextItemMetrics[];
}

export interface RecsEvaluation {
  dataset: string;
  split: string;
  trainingInteractions: number;
  trainingItems: number;
  queries: number;
  /** Queries whose target never occurs in training: no strategy learned from data can hit them. */
  unseenTargets: number;
  strategies: StrategyOutcome[];
}

/**
 * Runs each strategy through a split: feeds it the training interactions in order, then asks every
 * query for the top max(ks) items and scores the list against the target. Strategies run one after
 * the other, so their times do not mix.
 *
 * @example
 * const evaluation = evaluateStrategies(split, evaluatedStrategies(), [10, 20]);
 * evaluation.strategies[0].metrics[1].hitRate; // HR@20 of the first strategy
 */
export function evaluateStrategies(
  split: EvaluationSplit,
  strategies: readonly EvaluatedStrategy[],
  ks: readonly number[],
  onProgress: (done: number, total: number) => void = () => {},
): RecsEvaluation {
  const trainingClicks = new Map<string, number>();
  for (const interaction of split.training) trainingClicks.set(interaction.itemId, (trainingClicks.get(interaction.itemId) ?? 0) + 1);
  const limit = Math.max(...ks);
  const total = strategies.length * (split.training.length + split.queries.length);
  let done = 0;
  const outcomes = strategies.map((strategy): StrategyOutcome => {
    const trainingStarted = performance.now();
    split.training.forEach((interaction, i) => {
      strategy.observe(interaction);
      if (i % 10_000 === 0) onProgress(done + i, total);
    });
    const trainingMs = performance.now() - trainingStarted;
    done += split.training.length;
    const metrics = new NextItemMetricsAccumulator(ks, trainingClicks);
    let queryMs = 0;
    split.queries.forEach((query, i) => {
      const started = performance.now();
      const answer = strategy.recommend(query.context, limit);
      queryMs += performance.now() - started;
      metrics.add(
        answer.items.map((item) => item.itemId),
        query.target,
      );
      if (i % 1000 === 0) onProgress(done + i, total);
    });
    done += split.queries.length;
    onProgress(done, total);
    return { strategy: strategy.name, trainingMs, msPerQuery: split.queries.length === 0 ? 0 : queryMs / split.queries.length, metrics: metrics.result() };
  });
  return {
    dataset: split.dataset,
    split: split.split,
    trainingInteractions: split.training.length,
    trainingItems: trainingClicks.size,
    queries: split.queries.length,
    unseenTargets: split.queries.filter((query) => !trainingClicks.has(query.target)).length,
    strategies: outcomes,
  };
}
