import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shebangNodeFlags } from './shebang-node-flags.js';

describe('shebangNodeFlags', () => {
  it('reads the flags after node, and refuses a script without a node #! line', () => {
    expect(shebangNodeFlags('#!/usr/bin/env -S node --v8-pool-size=0 --foo\nrest')).toEqual(['--v8-pool-size=0', '--foo']);
    expect(shebangNodeFlags('#!/usr/bin/env node\n')).toEqual([]);
    expect(() => shebangNodeFlags('import x;\n')).toThrow('no #! line');
    expect(() => shebangNodeFlags('#!/bin/sh\n')).toThrow('does not run node');
  });

  it('gives npm start the flags the kairos bin runs with, sizing the collector threads to the CPUs', () => {
    const flags = shebangNodeFlags(readFileSync(new URL('./main.ts', import.meta.url), 'utf8'));
    expect(flags).toContain('--v8-pool-size=0');
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(packageJson.scripts.start).toContain(`node ${flags.join(' ')} dist/cli/main.js`);
  });
});
