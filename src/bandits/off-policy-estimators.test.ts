import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type LoggedOutcome } from './off-policy-estimators.js';
import { seededRandom } from '../shared/seeded-random.js';

/**
 * A known world: the conversion rate depends on the action, the bucket and a hidden trait the buckets
 * do not see (so the direct model, which only knows buckets, is wrong where the hidden trait matters).
 */
function rate(action: string, bucket: string, hidden: boolean): number {
  const base = bucket === 'x' ? 0.1 : 0.2;
  if (action === 'a') return base + (hidden ? 0.25 : 0);
  if (action === 'b') return base + 0.05;
  return base;
}

/** A log of `size` decisions by a logging policy that prefers c (so a is rare and its weights large). */
function simulateLog(seed: number, size: number): { logs: LoggedOutcome[]; hidden: boolean[] } {
  const random = seededRandom(seed);
  const logging = new Map([['a', 0.2], ['b', 0.3], ['c', 0.5]]);
  const logs: LoggedOutcome[] = [];
  const hidden: boolean[] = [];
  for (let i = 0; i < size; i++) {
    const bucket = random() < 0.5 ? 'x' : 'y';
    // The logging policy does not look at the trait (no confounding); its share differs by bucket.
    const trait = random() < (bucket === 'y' ? 0.7 : 0.2);
    const point = random();
    const action = point < 0.2 ? 'a' : point < 0.5 ? 'b' : 'c';
    logs.push({ action, propensity: logging.get(action)!, reward: random() < rate(action, bucket, trait) ? 1 : 0, bucket });
    hidden.push(trait);
  }
  return { logs, hidden };
}

const always = (action: string) => new Map([[action, 1]]);

describe('evaluatePolicy', () => {
  it('gives the observed mean for the logging policy itself, by IPS and self-normalised IPS', () => {
    const { logs } = simulateLog(1, 3000);
    const logging = logs.map(() => new Map([['a', 0.2], ['b', 0.3], ['c', 0.5]]));
    const observed = logs.reduce((sum, log) => sum + log.reward, 0) / logs.length;
    const estimates = evaluatePolicy(logs, logging);
    expect(estimates.ips.value).toBeCloseTo(observed, 6);
    expect(estimates.selfNormalizedIps.value).toBeCloseTo(observed, 6);
    expect(estimates.effectiveSampleSize).toBeCloseTo(3000, 3);
    expect(estimates.ips.ci95[0]).toBeLessThan(observed);
    expect(estimates.ips.ci95[1]).toBeGreaterThan(observed);
  });

  it('is unbiased by IPS and doubly robust where the direct model is wrong, and the intervals cover the truth', () => {
    // The target policy sees the hidden trait (a where it holds, c elsewhere); the direct model's
    // buckets do not, so it averages a over the trait and undervalues the policy.
    // Truth: bucket x 0.2·0.35 + 0.8·0.1 = 0.15; bucket y 0.7·0.45 + 0.3·0.2 = 0.375.
    const truth = 0.5 * 0.15 + 0.5 * 0.375;
    const runs = 200;
    const sums = { ips: 0, dr: 0, dm: 0 };
    let covered = 0;
    for (let seed = 0; seed < runs; seed++) {
      const { logs, hidden } = simulateLog(100 + seed, 1000);
      const estimates = evaluatePolicy(logs, hidden.map((trait) => always(trait ? 'a' : 'c')));
      sums.ips += estimates.ips.value;
      sums.dr += estimates.doublyRobust.value;
      sums.dm += estimates.directMethod.value;
      if (estimates.doublyRobust.ci95[0] <= truth && truth <= estimates.doublyRobust.ci95[1]) covered++;
    }
    // Standard error of the mean of 200 runs is ~0.002: 0.008 is four of them.
    expect(Math.abs(sums.ips / runs - truth)).toBeLessThan(0.008);
    expect(Math.abs(sums.dr / runs - truth)).toBeLessThan(0.008);
    expect(truth - sums.dm / runs).toBeGreaterThan(0.03);
    expect(covered / runs).toBeGreaterThan(0.88);
  });

  it('ranks policies: always-a beats always-c in this world, and a policy the logs never follow has no effective sample', () => {
    const { logs } = simulateLog(7, 5000);
    const a = evaluatePolicy(logs, logs.map(() => always('a')));
    const c = evaluatePolicy(logs, logs.map(() => always('c')));
    expect(a.doublyRobust.value).toBeGreaterThan(c.doublyRobust.value);
    expect(a.doublyRobust.ci95[0]).toBeGreaterThan(c.doublyRobust.ci95[1]);
    const never = evaluatePolicy(logs, logs.map(() => always('z')));
    expect(never.effectiveSampleSize).toBe(0);
    expect(never.ips.value).toBe(0);
  });
});
