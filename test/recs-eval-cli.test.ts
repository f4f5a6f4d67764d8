import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'kairos-recs-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI; asynchronous, so independent runs of a test overlap on the machine's cores. */
function kairos(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, KAIROS_LOG_LEVEL: 'silent' } }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('kairos eval recs', () => {
  // One run measures both kinds of data, as the smallest files that exercise them, to keep spawns few.
  it('evaluates every strategy on an SR-GNN split beside the published rows, splits a clickstream by time and by hold-out, and writes the JSON', async () => {
    const out = join(work, 'both');
    const result = await kairos(
      'eval', 'recs',
      '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv', 'test/fixtures/recs/rees46-head-2000.csv',
      '--test', 'test/fixtures/recs/yoochoose1_64-test-head60.tsv',
      '--out', out,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('60 queries');
    expect(result.stdout).toMatch(/session_next:blend\s+\d/);
    expect(result.stdout).toContain('SR-GNN (published)');
    expect(result.stdout).toContain('sessions starting before');
    expect(result.stdout).toContain('hold-out');
    expect(result.stdout).toMatch(/peak RSS \d+ MB/);
    const written = JSON.parse(readFileSync(join(out, 'recs-evaluation.json'), 'utf8')) as { evaluations: { strategies: { strategy: string }[] }[] };
    expect(written.evaluations).toHaveLength(3);
    expect(written.evaluations[0]!.strategies.map((outcome) => outcome.strategy)).toContain('popular');
  });

  it('refuses bad options with one line naming the option', async () => {
    const [badK, noTest, badDays] = await Promise.all([
      kairos('eval', 'recs', '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv', '--validation', '--k', '20,10'),
      kairos('eval', 'recs', '--data', 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv'),
      kairos('eval', 'recs', '--data', 'test/fixtures/recs/rees46-head-2000.csv', '--test-days', 'soon'),
    ]);
    expect(badK.code).toBe(2);
    expect(badK.stderr.trim().split('\n')).toHaveLength(1);
    expect(badK.stderr).toContain('--k');
    expect(noTest.code).toBe(2);
    expect(noTest.stderr).toContain('--test');
    expect(badDays.stderr).toContain('--test-days');
  });
});
