import { chmodSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';
import { openFileBytes } from './open-file-bytes.js';
import { openTextLines } from './open-text-lines.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

describe('openTextLines', () => {
  it('numbers lines from 1, keeps blank lines, drops the BOM, CRLF and a missing final newline', async () => {
    const file = fixtures.write('plain.csv', '\uFEFFa,b\r\n\r\nc,d\r\ne');
    expect(await drain(openTextLines(file))).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: '' },
      { line: 3, text: 'c,d' },
      { line: 4, text: 'e' },
    ]);
  });

  it('gunzips by the magic bytes, whatever the name says', async () => {
    const gzippedAsCsv = fixtures.write('really-gzip.csv', 'x\ny\n', { gzip: true });
    const plainAsGz = fixtures.write('really-plain.csv.gz', 'x\ny\n');
    expect(await drain(openTextLines(gzippedAsCsv))).toEqual([{ line: 1, text: 'x' }, { line: 2, text: 'y' }]);
    expect(await drain(openTextLines(plainAsGz))).toEqual([{ line: 1, text: 'x' }, { line: 2, text: 'y' }]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const text = `${'é'.repeat(300_000)}\nß`;
    const file = fixtures.write('accents.txt', text, { gzip: true });
    const lines = await drain(openTextLines(file));
    expect(lines.map((line) => line.text.length)).toEqual([300_000, 1]);
    expect(lines[0]?.text).toBe('é'.repeat(300_000));
  });

  it('throws badFile for a missing file, a directory and broken gzip', async () => {
    const missing = fixtures.path('nope.csv');
    await expect(drain(openTextLines(missing))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: `${missing}: no such file; check the path` });
    await expect(drain(openTextLines(fixtures.path('')))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', details: [{ field: 'file', problem: 'is a directory; give the path of a file' }] });
    const truncated = fixtures.write('truncated.gz', gzipSync('a,b\n'.repeat(1000)).subarray(0, 30));
    await expect(drain(openTextLines(truncated))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: expect.stringContaining('is not valid gzip') });
  });

  it.skipIf(process.getuid?.() === 0)('throws badFile for a file it may not read', async () => {
    const secret = fixtures.write('secret.csv', 'a\n');
    chmodSync(secret, 0o000);
    await expect(drain(openTextLines(secret))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', details: [{ problem: 'cannot be read: permission denied' }] });
  });

  it('refuses a line longer than a megabyte instead of buffering it', async () => {
    const file = fixtures.path('one-line.bin');
    writeFileSync(file, Buffer.alloc(1_100_000, 0x61));
    await expect(drain(openTextLines(file))).rejects.toMatchObject({ code: 'KAIROS_BAD_FILE', message: `${file}: line 1 is longer than 1048576 characters; is it a text file?` });
  });

  it('closes the file when the reader stops early', async () => {
    const file = fixtures.write('long.csv', 'row\n'.repeat(200_000), { gzip: true });
    for await (const { line } of openTextLines(file)) if (line === 2) break;
    // The same file opens again at once, and a fresh byte reader reads it whole.
    const bytes = await drain(openFileBytes(file));
    expect(Buffer.concat(bytes).length).toBe(800_000);
  });
});
