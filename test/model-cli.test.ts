import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'kairos-models-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function kairos(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, KAIROS_LOG_LEVEL: 'silent' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kairos train epp, eval epp and models', () => {
  const artifact = join(work, 'epp.json.gz');

  it('trains on the bundled Taobao sample with a time split and writes an artifact with its test metrics', () => {
    const result = kairos('train', 'epp', '--data', 'samples/taobao-head-20000.csv.gz', '--id', 'epp-sample', '--out', artifact);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('20,000 rows, 20,000 accepted, 0 rejected');
    expect(result.stdout).toMatch(/\n\s+5\s+has_added_to_cart\s+0\.\d{3}/);
    expect(result.stdout).toMatch(/peak RSS \d+ MB/);
    expect(result.stdout).toMatch(/FTRL passes \d, alpha [\d.]+, L1 [\d.]+, L2 1 .*◀ chosen/);
    const written = JSON.parse(gunzipSync(readFileSync(artifact)).toString('utf8'));
    expect(written).toMatchObject({ format: 'kairos-epp', id: 'epp-sample', source: 'offline', trainedOn: { events: 20_000, epochs: expect.any(Number) } });
    expect(written.metrics.clicks[0]).toMatchObject({ click: 1, model: { rocAuc: expect.any(Number) }, has_added_to_cart: { rocAuc: expect.any(Number) } });
  });

  it('installs the artifact into a data dir and lists it as serving; refuses a corrupt file and keeps it', () => {
    const dataDir = join(work, 'store');
    expect(kairos('models', 'install', artifact, '--data-dir', dataDir).stdout).toContain('* epp-sample  offline');
    const corrupt = join(work, 'corrupt.json.gz');
    writeFileSync(corrupt, readFileSync(artifact).subarray(0, 2000));
    const refused = kairos('models', 'install', corrupt, '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('nothing was installed');
    expect(kairos('models', 'list', '--data-dir', dataDir).stdout).toMatch(/^serving epp-sample\n\* epp-sample/);
    expect(kairos('models', 'activate', 'nope', '--data-dir', dataDir).stderr).toContain('no model version with id "nope"');
  });

  it('refuses an empty or single-class training set with a clear message', () => {
    const onlyViews = join(work, 'views.csv');
    writeFileSync(onlyViews, Array.from({ length: 50 }, (_, i) => `${i % 5},${i},7,pv,${1511544070 + i * 7200}`).join('\n'));
    const result = kairos('train', 'epp', '--data', onlyViews, '--out', join(work, 'never.json.gz'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('only sessions without a purchase');
    expect(existsSync(join(work, 'never.json.gz'))).toBe(false);
  });

  it('reports bad rows and goes on', () => {
    const mixed = join(work, 'mixed.csv');
    const rows = readFileSync('samples/taobao-head-20000.csv.gz');
    writeFileSync(mixed, `${gunzipSync(rows).toString('utf8').split('\n').slice(0, 3000).join('\n')}\n1,2,3,teleport,1511544070\n`);
    const result = kairos('train', 'epp', '--data', mixed, '--out', join(work, 'mixed.json.gz'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 rejected');
    expect(result.stdout).toContain('behavior_type');
  });

  it('evaluates clickstreams and the UCI table, writing JSON and an SVG chart', () => {
    const out = join(work, 'eval');
    const uci = join(work, 'uci.csv');
    // 200 rows shaped as the UCI table's, with the page value deciding the label, plus one bad row.
    const header = 'Administrative,Administrative_Duration,Informational,Informational_Duration,ProductRelated,ProductRelated_Duration,BounceRates,ExitRates,PageValues,SpecialDay,Month,OperatingSystems,Browser,Region,TrafficType,VisitorType,Weekend,Revenue';
    const rows = Array.from({ length: 200 }, (_, i) => `0,0,0,0,${i % 7},${i * 3},0.01,0.02,${i % 3 === 0 ? 40 : 0},0,Nov,2,2,1,2,Returning_Visitor,FALSE,${i % 3 === 0 ? 'TRUE' : 'FALSE'}`);
    writeFileSync(uci, `${header}\r\n${rows.join('\r\n')}\r\n0,0,0,0,1,x,0,0,0,0,Nov,2,2,1,2,New_Visitor,FALSE,FALSE`);
    const result = kairos('eval', 'epp', '--data', 'samples/taobao-head-20000.csv.gz', '--uci', uci, '--out', out);
    expect(result.code).toBe(1); // the bad UCI row
    expect(result.stdout).toContain('ProductRelated_Duration: must be a non-negative number');
    expect(result.stdout).toContain('Sakar et al. 2019');
    const report = JSON.parse(readFileSync(join(out, 'epp-evaluation.json'), 'utf8'));
    expect(report.clickstreams[0].clicks.length).toBe(10);
    expect(report.clickstreams[0].clicks[0].scorers.gbdt.rocAuc).toEqual(expect.any(Number));
    for (const family of ['ftrl', 'gbdt']) {
      expect(report.clickstreams[0].selection[family].filter((row: { chosen: boolean }) => row.chosen)).toHaveLength(1);
      expect(report.uci[family].selection.filter((row: { chosen: boolean }) => row.chosen)).toHaveLength(1);
    }
    expect(report.uci.ftrl.model.rocAuc).toBeGreaterThan(0.95); // the label is in the page value
    expect(report.uci.gbdt.model.rocAuc).toEqual(expect.any(Number)); // 140 training rows: too few for leaves of 50
    expect(readFileSync(join(out, 'epp-evaluation.svg'), 'utf8')).toMatch(/^<svg/);
  });
});
