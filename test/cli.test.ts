import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKairos } from '../src/app/create-kairos.js';
import { loadConfig } from '../src/config/load-config.js';
import { acquireDataDirLock } from '../src/storage/data-dir-lock.js';

const work = mkdtempSync(join(tmpdir(), 'kairos-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function kairos(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, KAIROS_LOG_LEVEL: 'silent' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withStore<T>(dataDir: string, read: (core: ReturnType<typeof createKairos>) => Promise<T>): Promise<T> {
  const core = createKairos(loadConfig({ dataDir }, { KAIROS_LOG_LEVEL: 'silent' }));
  try {
    return await read(core);
  } finally {
    await core.close();
  }
}

describe('kairos replay', () => {
  it('replays the bundled REES46 sample, and a second replay is recognised as already stored', async () => {
    const dataDir = join(work, 'replay');
    const first = kairos('replay', 'samples/rees46-head-5000.csv.gz', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('5,000 rows, 5,000 accepted, 0 rejected');
    const second = kairos('replay', 'samples/rees46-head-5000.csv.gz', '--data-dir', dataDir);
    expect(second.stdout).toContain('5,000 accepted (5,000 already stored)');
    const counts = await withStore(dataDir, (core) => core.stores.events.countsByName());
    // The first 5,000 rows of the REES46 extract: 4,896 views, 50 carts, 54 purchases
    // (zcat samples/rees46-head-5000.csv.gz | tail -n +2 | cut -d, -f2 | sort | uniq -c).
    expect(counts).toEqual({ 'Product Viewed': 4896, 'Product Added': 50, 'Order Completed': 54 });
  });

  it('keeps two files of one format apart with --message-id-prefix', () => {
    const dataDir = join(work, 'prefixed');
    expect(kairos('replay', 'samples/rees46-head-5000.csv.gz', '--data-dir', dataDir).code).toBe(0);
    const again = kairos('replay', 'samples/rees46-head-5000.csv.gz', '--message-id-prefix', 'rees46-nov', '--data-dir', dataDir);
    expect(again.stdout).toContain('5,000 accepted, 0 rejected');
  });

  it('refuses an unknown format with one line and exit code 2', () => {
    const result = kairos('replay', 'samples/rees46-head-5000.csv.gz', '--format', 'excel', '--data-dir', join(work, 'x'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--format: must be one of taobao');
  });
});

describe('kairos import', () => {
  it('imports events, reports the rejected rows with line and field, and exits 1', async () => {
    const dataDir = join(work, 'events');
    const file = join(work, 'events.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ type: 'track', event: 'Product Viewed', userId: 'u1', messageId: 'e1', properties: { product_id: 'p1' } }),
        '{"type": "track", "event": ',
        JSON.stringify({ type: 'track', userId: 'u1', messageId: 'e3' }),
        JSON.stringify({ type: 'identify', userId: 'u1', messageId: 'e4', traits: { email: 'U1@Example.com' } }),
      ].join('\n'),
    );
    const result = kairos('import', 'events', file, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('4 rows, 2 accepted, 2 rejected');
    expect(result.stdout).toMatch(/line 2/);
    expect(result.stdout).toMatch(/event: Expected required property \(line 3\)/);
    const profile = await withStore(dataDir, (core) => core.profiles.getProfile('email:u1@example.com'));
    expect(profile.features.lifetime.events).toBe(2);
  });

  it('imports customers as identify calls', async () => {
    const dataDir = join(work, 'customers');
    const file = join(work, 'customers.csv');
    writeFileSync(file, 'userId,email,loyaltyId,firstName\nc1,c1@example.com,L-1,Ann\n,nobody@example.com,,Bob\n');
    const result = kairos('import', 'customers', file, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 rows, 1 accepted, 1 rejected');
    const profile = await withStore(dataDir, (core) => core.profiles.getProfile('loyaltyId:L-1'));
    expect(profile.traits.firstName).toBe('Ann');
  });

  it('imports the bundled catalog', async () => {
    const dataDir = join(work, 'catalog');
    const result = kairos('import', 'catalog', 'samples/catalog-rees46.jsonl.gz', '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('6,493 rows, 6,493 accepted, 0 rejected');
    expect(await withStore(dataDir, (core) => core.catalog.countProducts())).toBe(6493);
  });

  it('refuses a file that is not a products file, a missing file and an unknown kind with exit code 2', () => {
    const notCsv = join(work, 'garbage.csv');
    writeFileSync(notCsv, 'this is,not\na products,file\n');
    for (const args of [
      ['import', 'catalog', notCsv],
      ['import', 'events', join(work, 'missing.jsonl')],
      ['import', 'orders', notCsv],
    ]) {
      const result = kairos(...args, '--data-dir', join(work, 'bad'));
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^kairos: /);
    }
  });

  it('refuses to write a data dir a server is using', () => {
    const dataDir = join(work, 'locked');
    const release = acquireDataDirLock(dataDir);
    try {
      // The lock names this (live) test process as the server.
      const result = kairos('import', 'catalog', 'samples/catalog-rees46.jsonl.gz', '--data-dir', dataDir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`in use by a running Kairos server (pid ${process.pid})`);
    } finally {
      release();
    }
  });
});
