/**
 * One configuration of the session models on the YOOCHOOSE 1/64 validation slice (the last 10% of the
 * training sessions; test.tsv is never read), for the documented hyperparameter search in
 * docs/recommendations.md. Settings are a JSON `EvaluatedStrategySettings` (defaults for what it leaves
 * out); only the named strategies run, so a blend configuration costs one blend build, not all of them.
 *
 *   node --import tsx bench/recs-tune-validation.ts '{"blend":{"candidatesPerModel":100}}' [strategies, default session_next:blend]
 */
import { evaluatedStrategies, type EvaluatedStrategySettings } from '../src/recommendations/evaluation/evaluated-strategies.js';
import { evaluateStrategies } from '../src/recommendations/evaluation/recs-evaluation.js';
import { srgnnEvaluationSplit } from '../src/recommendations/evaluation/srgnn-evaluation-split.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as Partial<EvaluatedStrategySettings>;
const names = (process.argv[3] ?? 'session_next:blend').split(',');
const split = await srgnnEvaluationSplit('../shared/data/yoochoose1_64/train_sessions.tsv.gz', 'validation');
const strategies = evaluatedStrategies(settings).filter((strategy) => names.includes(strategy.name));
const evaluation = evaluateStrategies(split, strategies, [20]);
for (const outcome of evaluation.strategies) {
  const { hitRate, mrr } = outcome.metrics[0]!;
  console.log(
    `${outcome.strategy} ${JSON.stringify(settings)}: HR@20 ${(hitRate * 100).toFixed(2)} MRR@20 ${(mrr * 100).toFixed(2)}; ` +
      `build ${(outcome.trainingMs / 1000).toFixed(0)} s, ${outcome.msPerQuery.toFixed(2)} ms/query`,
  );
}
