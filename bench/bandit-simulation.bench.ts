import { contextBucket, inBand } from '../src/bandits/bandit-context.js';
import { BanditService, type Outcome } from '../src/bandits/bandit-service.js';
import { InMemoryBanditStore } from '../src/bandits/in-memory-bandit-store.js';
import { evaluatePolicy, type LoggedOutcome } from '../src/bandits/off-policy-estimators.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { writeResult } from './bench-support.js';
import { VARIANTS, expectedReward, loadSessions, oracleVariant, type Session, type VariantId } from './bandit-simulation-world.js';

/**
 * Offline simulation of the bandit against uniform random choice and the oracle, on real sessions
 * (bandit-simulation-world.ts says what is real and what is assumed), and a check that the off-policy
 * estimators recover, from a uniform-random log, the true value of other policies.
 *
 *   node --import tsx bench/bandit-simulation.bench.ts [seeds] [decisions-per-seed] [estimator-seeds]
 *
 * Each seed draws one stream of in-band sessions (with replacement) and one uniform number per
 * decision that settles its outcome; every policy meets the same stream and the same numbers, so the
 * differences between policies are not noise of the draws. Rewards reach the bandit in batches of
 * FEEDBACK_BATCH decisions, as conversions trickle in over an attribution window.
 */
const seeds = Number(process.argv[2] ?? 5);
const decisions = Number(process.argv[3] ?? 20_000);
/** Uniform logs (no bandit run: cheap) on which the estimators' bias and interval coverage are checked. */
const estimatorSeeds = Number(process.argv[4] ?? 40);
const BAND = { min: 0.03, max: 0.7 };
const EXPLORATION_FLOOR = 0.1;
const FEEDBACK_BATCH = 500;
const OPTIMIZATION = { policy: 'thompson_sampling' as const, band: BAND, explorationFloor: EXPLORATION_FLOOR };
const CAMPAIGN = 'sim';
const ids: string[] = [...VARIANTS];

const sessions = await loadSessions();
const pool = sessions.filter((session) => inBand(BAND, session.context));
const baseRate = pool.filter((session) => session.bought).length / pool.length;
console.log(`${sessions.length} sessions, ${pool.length} in the band [${BAND.min}, ${BAND.max}] (base conversion ${(100 * baseRate).toFixed(1)}%)`);

type Policy = (session: Session, random: () => number) => { variant: VariantId; propensity: number };
interface Run {
  expected: number;
  converted: number;
  lastQuarter: number;
  log: LoggedOutcome[];
  contexts: Session[];
}

function run(stream: Session[], outcomes: number[], choose: Policy, random: () => number, learn?: (outcomes: Outcome[]) => void): Run {
  const result: Run = { expected: 0, converted: 0, lastQuarter: 0, log: [], contexts: stream };
  let pending: Outcome[] = [];
  stream.forEach((session, t) => {
    const { variant, propensity } = choose(session, random);
    const expected = expectedReward(session, variant);
    const reward = outcomes[t]! < expected ? 1 : 0;
    result.expected += expected;
    result.converted += reward;
    if (t >= stream.length * 0.75) result.lastQuarter += expected;
    result.log.push({ action: variant, propensity, reward, bucket: contextBucket(session.context) });
    pending.push({ campaignId: CAMPAIGN, variantId: variant, context: session.context, reward: reward as 0 | 1 });
    if (learn && pending.length >= FEEDBACK_BATCH) {
      learn(pending);
      pending = [];
    }
  });
  return result;
}

const uniformPolicy: Policy = (_session, random) => ({ variant: VARIANTS[Math.floor(random() * VARIANTS.length)]!, propensity: 1 / VARIANTS.length });
const oraclePolicy: Policy = (session) => ({ variant: oracleVariant(session.context), propensity: 1 });

/**
 * The true value of a policy on the sessions of a log, from the response model (no sampling of
 * outcomes): what the estimators estimate from that log, so the comparison is free of the noise of
 * which sessions the stream happened to draw.
 */
function trueValue(distribution: (session: Session) => ReadonlyMap<string, number>, over: readonly Session[]): number {
  let total = 0;
  for (const session of over) for (const [variant, probability] of distribution(session)) total += probability * expectedReward(session, variant as VariantId);
  return total / over.length;
}

const perSeed: Array<Record<string, number>> = [];
const recovery: Array<Record<string, { truth: number; ips: number; snips: number; dr: number; drCi: [number, number]; covered: boolean }>> = [];
let chooseMicros = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const draw = seededRandom(seed * 7919);
  const stream = Array.from({ length: decisions }, () => pool[Math.floor(draw() * pool.length)]!);
  const outcomes = Array.from({ length: decisions }, () => draw());

  const bandits = new BanditService({ store: new InMemoryBanditStore() });
  const started = process.hrtime.bigint();
  const bandit = run(
    stream,
    outcomes,
    (session, random) => {
      const choice = bandits.choose(CAMPAIGN, OPTIMIZATION, ids, session.context, random)!;
      return { variant: choice.variantId as VariantId, propensity: choice.propensity };
    },
    seededRandom(seed),
    (batch) => bandits.learn(batch),
  );
  chooseMicros += Number(process.hrtime.bigint() - started) / 1000 / decisions / seeds;
  const uniform = run(stream, outcomes, uniformPolicy, seededRandom(seed + 1000));
  const oracle = run(stream, outcomes, oraclePolicy, seededRandom(seed + 2000));

  perSeed.push({
    seed,
    banditPer1000: (1000 * bandit.expected) / decisions,
    uniformPer1000: (1000 * uniform.expected) / decisions,
    oraclePer1000: (1000 * oracle.expected) / decisions,
    banditRegret: oracle.expected - bandit.expected,
    uniformRegret: oracle.expected - uniform.expected,
    banditLastQuarterPer1000: (1000 * bandit.lastQuarter) / (decisions / 4),
    uniformLastQuarterPer1000: (1000 * uniform.lastQuarter) / (decisions / 4),
    oracleLastQuarterPer1000: (1000 * oracle.lastQuarter) / (decisions / 4),
    banditConverted: bandit.converted,
    uniformConverted: uniform.converted,
  });

  // Off-policy evaluation from the uniform log, of policies whose true value the model knows.
  const frozenGreedy = (session: Session) => new Map([[bandits.greedy(CAMPAIGN, ids, session.context), 1]]);
  const frozenThompson = (session: Session) => {
    const probabilities = bandits.thompsonProbabilities(CAMPAIGN, ids, session.context, EXPLORATION_FLOOR);
    return new Map(ids.map((id, i) => [id, probabilities[i]!]));
  };
  const targets: Record<string, (session: Session) => ReadonlyMap<string, number>> = {
    oracle: (session) => new Map([[oracleVariant(session.context), 1]]),
    alwaysCoupon: () => new Map([['coupon', 1]]),
    banditGreedy: frozenGreedy,
    banditThompson: frozenThompson,
  };
  const recovered: (typeof recovery)[number] = {};
  for (const [name, target] of Object.entries(targets)) {
    const estimates = evaluatePolicy(uniform.log, uniform.contexts.map(target));
    const truth = trueValue(target, uniform.contexts);
    recovered[`${name} (uniform log)`] = summary(truth, estimates);
  }
  // And from the bandit's own log, whose propensities come from the quadrature: uniform and the oracle.
  const uniformTarget = () => new Map(ids.map((id) => [id, 1 / ids.length]));
  recovered['uniform (bandit log)'] = summary(trueValue(uniformTarget, bandit.contexts), evaluatePolicy(bandit.log, bandit.contexts.map(uniformTarget)));
  recovered['oracle (bandit log)'] = summary(trueValue(targets.oracle!, bandit.contexts), evaluatePolicy(bandit.log, bandit.contexts.map(targets.oracle!)));
  recovery.push(recovered);
}

function summary(truth: number, estimates: ReturnType<typeof evaluatePolicy>) {
  const ci = estimates.doublyRobust.ci95;
  return { truth, ips: estimates.ips.value, snips: estimates.selfNormalizedIps.value, dr: estimates.doublyRobust.value, drCi: ci, covered: ci[0] <= truth && truth <= ci[1] };
}

function meanAndSd(values: number[]): string {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return `${mean.toFixed(1)} ± ${sd.toFixed(1)}`;
}

console.log(`\n${seeds} seeds × ${decisions} decisions, rewards in batches of ${FEEDBACK_BATCH}; expected conversions per 1,000 decisions (mean ± sd over seeds)`);
for (const [label, key] of [
  ['bandit (Thompson, floor 0.1)', 'banditPer1000'],
  ['uniform random', 'uniformPer1000'],
  ['oracle', 'oraclePer1000'],
  ['bandit, last quarter', 'banditLastQuarterPer1000'],
  ['uniform, last quarter', 'uniformLastQuarterPer1000'],
  ['oracle, last quarter', 'oracleLastQuarterPer1000'],
  ['regret of the bandit (conversions)', 'banditRegret'],
  ['regret of uniform (conversions)', 'uniformRegret'],
] as const) {
  console.log(`  ${label.padEnd(36)} ${meanAndSd(perSeed.map((row) => row[key]!))}`);
}
console.log(`  bandit beats uniform in ${perSeed.filter((row) => row.banditPer1000! > row.uniformPer1000!).length} of ${seeds} seeds; one bandit choice with its propensity: ${chooseMicros.toFixed(1)} µs`);

console.log('\nOff-policy estimates against the truth (per 1,000 decisions; DR interval coverage over seeds)');
for (const name of Object.keys(recovery[0]!)) {
  const rows = recovery.map((seedRows) => seedRows[name]!);
  const per1000 = (pick: (row: (typeof rows)[number]) => number) => meanAndSd(rows.map((row) => 1000 * pick(row)));
  console.log(
    `  ${name.padEnd(28)} truth ${per1000((row) => row.truth)}  IPS ${per1000((row) => row.ips)}  SNIPS ${per1000((row) => row.snips)}  DR ${per1000((row) => row.dr)}  DR 95% covers truth ${rows.filter((row) => row.covered).length}/${rows.length}`,
  );
}

// The estimators over many uniform logs: their mean error against the truth on each log's sessions
// (bias) and how often the 95% intervals hold the truth. A handful of seeds cannot tell a bias from
// the estimates' own noise (per log, IPS of a deterministic policy has a standard error of ~6 per 1,000).
const checks: Record<string, { errors: { ips: number[]; snips: number[]; dr: number[] }; covered: { ips: number; dr: number } }> = {};
for (let seed = 1; seed <= estimatorSeeds; seed++) {
  const draw = seededRandom(seed * 104_729);
  const stream = Array.from({ length: decisions }, () => pool[Math.floor(draw() * pool.length)]!);
  const outcomes = Array.from({ length: decisions }, () => draw());
  const uniform = run(stream, outcomes, uniformPolicy, seededRandom(seed + 3000));
  for (const [name, target] of Object.entries({ oracle: (session: Session) => new Map([[oracleVariant(session.context), 1]]), alwaysCoupon: () => new Map([['coupon', 1]]) })) {
    const truth = trueValue(target, stream);
    const estimates = evaluatePolicy(uniform.log, stream.map(target));
    const check = (checks[name] ??= { errors: { ips: [], snips: [], dr: [] }, covered: { ips: 0, dr: 0 } });
    check.errors.ips.push(1000 * (estimates.ips.value - truth));
    check.errors.snips.push(1000 * (estimates.selfNormalizedIps.value - truth));
    check.errors.dr.push(1000 * (estimates.doublyRobust.value - truth));
    if (estimates.ips.ci95[0] <= truth && truth <= estimates.ips.ci95[1]) check.covered.ips++;
    if (estimates.doublyRobust.ci95[0] <= truth && truth <= estimates.doublyRobust.ci95[1]) check.covered.dr++;
  }
}
console.log(`\nEstimators over ${estimatorSeeds} uniform logs of ${decisions}: error against the truth per 1,000 (mean ± sd), 95% interval coverage`);
for (const [name, check] of Object.entries(checks)) {
  console.log(
    `  ${name.padEnd(14)} IPS ${meanAndSd(check.errors.ips)}  SNIPS ${meanAndSd(check.errors.snips)}  DR ${meanAndSd(check.errors.dr)}  covered: IPS ${check.covered.ips}/${estimatorSeeds}, DR ${check.covered.dr}/${estimatorSeeds}`,
  );
}
writeResult('bandit-simulation', { seeds, decisions, band: BAND, explorationFloor: EXPLORATION_FLOOR, feedbackBatch: FEEDBACK_BATCH, inBand: pool.length, baseRate, perSeed, recovery, estimatorChecks: checks });
