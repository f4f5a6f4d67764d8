import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Test support for the dataset readers: fixture strings written to a temporary directory, plain or
 * gzipped, and a reader drained into an array. (Test-only; src/test-support/ is its natural home.)
 */
export interface FixtureDir {
  /** Writes `text` as `name` (gzipped when asked) and returns its path. */
  write(name: string, text: string | Buffer, options?: { gzip?: boolean }): string;
  path(name: string): string;
  remove(): void;
}

export function createFixtureDir(): FixtureDir {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-datasets-'));
  return {
    write(name, text, options = {}) {
      const file = join(dir, name);
      writeFileSync(file, options.gzip ? gzipSync(text) : text);
      return file;
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
