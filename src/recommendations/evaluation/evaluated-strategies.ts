import { BlendModel, type BlendSettings } from '../session/blend-model.js';
import { SequentialRulesModel, type SequentialRulesSettings } from '../session/sequential-rules-model.js';
import { SessionIndex, type SessionIndexLimits } from '../session/session-index.js';
import { SessionNextStrategy, type EvidencedSessionNextModel } from '../session/session-next-strategy.js';
import { StanModel, type StanSettings } from '../session/stan-model.js';
import { VsknnModel, type VsknnSettings } from '../session/vsknn-model.js';
import type { EvaluatedStrategy } from './evaluated-strategy.js';
import { RecommendationEngine } from '../recommendation-engine.js';
import type { StrategyName } from '../strategies/strategy.js';

export interface EvaluatedStrategySettings {
  index: Partial<SessionIndexLimits>;
  vsknn: Partial<VsknnSettings>;
  stan: Partial<StanSettings>;
  rules: Partial<SequentialRulesSettings>;
  blend: Partial<Omit<BlendSettings, 'vsknn' | 'stan' | 'rules' | 'index'>>;
}

/** Offline the index holds every training session of the YOOCHOOSE 1/64 split (116,167), as the papers' models see all of them. */
export const EVALUATION_INDEX_LIMITS: Partial<SessionIndexLimits> = { maxSessions: 200_000 };

/**
 * Every strategy `kairos eval recs` measures, freshly built (untrained). Add a strategy here, one
 * line, and it is measured on every data set and protocol.
 */
export function evaluatedStrategies(settings: Partial<EvaluatedStrategySettings> = {}): EvaluatedStrategy[] {
  const limits = settings.index ?? EVALUATION_INDEX_LIMITS;
  const index = () => new SessionIndex(limits);
  return [
    engineStrategy('popular'),
    engineStrategy('viewed_together'),
    engineStrategy('bought_together'),
    engineStrategy('trending'),
    sessionNext('session_next:sr', new SequentialRulesModel(settings.rules, index())),
    sessionNext('session_next:vsknn', new VsknnModel(settings.vsknn, index())),
    sessionNext('session_next:stan', new StanModel(settings.stan, index())),
    sessionNext('session_next:blend', new BlendModel({ ...settings.blend, vsknn: settings.vsknn ?? {}, stan: settings.stan ?? {}, rules: settings.rules ?? {}, index: limits })),
  ];
}

function sessionNext(name: string, model: EvidencedSessionNextModel): EvaluatedStrategy {
  const strategy = new SessionNextStrategy(model);
  return { name, observe: (interaction) => strategy.observe(interaction), recommend: (context, limit) => strategy.recommend(context, limit) };
}

/** A strategy of the serving engine, alone on an engine of its own (so each learns the stream once). */
export function engineStrategy(name: StrategyName): EvaluatedStrategy {
  const engine = new RecommendationEngine();
  const strategy = engine.strategy(name);
  if (!strategy) throw new Error(`the engine has no strategy ${name}`);
  return { name, observe: (interaction) => engine.observe(interaction), recommend: (context, limit) => strategy.recommend(context, limit) };
}
