import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'kairos-recs-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function kairos(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, KAIROS_LOG_LEVEL: 'silent' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kairos eval recs', () => {
  it('evaluates every strategy on an SR-GNN split, prints the published rows and writes the JSON', () => {
    const out = join(work, 'srgnn');
    const result = kairos('eval', 'recs', '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv', '--test', 'test/fixtures/recs/yoochoose1_64-test-head60.tsv', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('60 queries');
    expect(result.stdout).toMatch(/session_next:blend\s+\d/);
    expect(result.stdout).toContain('SR-GNN (published)');
    expect(result.stdout).toMatch(/peak RSS \d+ MB/);
    const written = JSON.parse(readFileSync(join(out, 'recs-evaluation.json'), 'utf8')) as { evaluations: { strategies: { strategy: string }[] }[] };
    expect(written.evaluations[0]!.strategies.map((outcome) => outcome.strategy)).toContain('popular');
  });

  it('splits a clickstream by time and by hold-out', () => {
    const result = kairos('eval', 'recs', '--data', 'samples/rees46-head-5000.csv.gz', '--out', join(work, 'rees46'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sessions starting before');
    expect(result.stdout).toContain('hold-out');
  });

  it('refuses bad options with one line naming the option', () => {
    const badK = kairos('eval', 'recs', '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv', '--validation', '--k', '20,10');
    expect(badK.code).toBe(2);
    expect(badK.stderr.trim().split('\n')).toHaveLength(1);
    expect(badK.stderr).toContain('--k');
    const noTest = kairos('eval', 'recs', '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv');
    expect(noTest.code).toBe(2);
    expect(noTest.stderr).toContain('--test');
    const badDays = kairos('eval', 'recs', '--data', 'samples/rees46-head-5000.csv.gz', '--test-days', 'soon');
    expect(badDays.stderr).toContain('--test-days');
  });
});
