import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { readSegmentJsonl } from './segment-jsonl-reader.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('readSegmentJsonl', () => {
  it('passes objects through, giving those without a messageId one from their line', async () => {
    const text = [
      '{"type":"track","event":"Product Viewed","userId":"u1","messageId":"m-1","properties":{"product_id":"p1"}}',
      '',
      '{"type":"identify","userId":"u1","traits":{"email":"a@example.com"}}',
    ].join('\n');
    expect(await drain(readSegmentJsonl(fixtures.write('events.jsonl.gz', text, { gzip: true })))).toEqual([
      { line: 1, message: { type: 'track', event: 'Product Viewed', userId: 'u1', messageId: 'm-1', properties: { product_id: 'p1' } } },
      { line: 3, message: { type: 'identify', userId: 'u1', traits: { email: 'a@example.com' }, messageId: 'segment-jsonl-3' } },
    ]);
  });

  it('gives lines that are not one JSON object an error row', async () => {
    const text = ['{"type":"track","event":"A","userId":"u"}', '{"type":"track",', '[1,2]', '"text"', 'null'].join('\n');
    expect(await drain(readSegmentJsonl(fixtures.write('bad.jsonl', text)))).toEqual([
      { line: 1, message: { type: 'track', event: 'A', userId: 'u', messageId: 'segment-jsonl-1' } },
      { line: 2, error: { field: 'row', problem: expect.stringMatching(/^is not valid JSON: /) } },
      { line: 3, error: { field: 'row', problem: 'is an array, not a JSON object with one message' } },
      { line: 4, error: { field: 'row', problem: 'is a string, not a JSON object with one message' } },
      { line: 5, error: { field: 'row', problem: 'is null, not a JSON object with one message' } },
    ]);
  });

  it('throws badFile when the first line is not JSON', async () => {
    const file = fixtures.write('events.csv', 'type,event\ntrack,A\n');
    await expect(drain(readSegmentJsonl(file))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringMatching(/: line 1 is not JSON \(.*\); a JSONL file has one message object per line$/) });
  });
});
