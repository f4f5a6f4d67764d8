import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { srgnnEvaluationSplit } from './srgnn-evaluation-split.js';
import { readSrgnnSamples, readSrgnnSessions, srgnnFileKind } from './srgnn-split.js';

// Cut from ../shared/data/yoochoose1_64: the last 150 training sessions and the first 60 test samples.
const TRAIN = 'test/fixtures/recs/yoochoose1_64-train-tail150.tsv';
const TEST = 'test/fixtures/recs/yoochoose1_64-test-head60.tsv';

describe('SR-GNN split files', () => {
  it('tells training sessions from test samples by the header, and anything else from both', async () => {
    expect(await srgnnFileKind(TRAIN)).toBe('sessions');
    expect(await srgnnFileKind(TEST)).toBe('samples');
    expect(await srgnnFileKind('samples/rees46-head-5000.csv.gz')).toBeUndefined();
  });

  it('reads sessions and samples as the files hold them', async () => {
    const sessions = await readSrgnnSessions(TRAIN);
    expect(sessions).toHaveLength(150);
    expect(sessions[0]).toEqual(['1549', '1549', '1549']);
    const samples = await readSrgnnSamples(TEST);
    expect(samples).toHaveLength(60);
    expect(samples[0]).toEqual({ prefix: ['33611', '37169', '6409'], target: '33128' });
  });

  it('refuses a malformed line with its number, and a file of the other kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srgnn-'));
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'prefix_items\ttarget_item\n1 2\t3\n1 2\n');
    await expect(readSrgnnSamples(bad)).rejects.toThrow('line 3: expected "prefix items<TAB>target item"');
    await expect(readSrgnnSessions(TEST)).rejects.toThrow('is not an SR-GNN sessions file');
  });

  it('keeps test targets unseen in training, and carves the validation from the last training sessions', async () => {
    const split = await srgnnEvaluationSplit(TRAIN, { file: TEST });
    expect(split.queries).toHaveLength(60);
    expect(split.training[0]).toMatchObject({ sessionId: 's0', itemId: '1549', at: 0 });
    const validation = await srgnnEvaluationSplit(TRAIN, 'validation');
    const sessions = await readSrgnnSessions(TRAIN);
    const heldOut = sessions.slice(135);
    expect(validation.training.at(-1)!.at).toBe(134);
    expect(validation.queries).toHaveLength(heldOut.reduce((total, session) => total + session.length - 1, 0));
  });
});
