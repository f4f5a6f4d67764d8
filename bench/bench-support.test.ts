import { describe, expect, it } from 'vitest';
import { cpuSecondsOf } from './bench-support.js';

describe('cpuSecondsOf', () => {
  it.skipIf(process.platform !== 'linux')('counts the CPU time a process spends, as the process itself sees it', () => {
    const before = cpuSecondsOf(process.pid);
    const started = process.cpuUsage();
    // Busy until this process has used 50 ms of CPU by its own clock, however long that takes in wall time.
    let spins = 0;
    while (process.cpuUsage(started).user < 50_000) spins++;
    const spent = cpuSecondsOf(process.pid) - before;
    expect(spins).toBeGreaterThan(0);
    expect(spent).toBeGreaterThanOrEqual(0.045);
    expect(spent).toBeLessThan(5);
  });

  it('refuses a process that does not exist', () => {
    expect(() => cpuSecondsOf(2 ** 22 + 1)).toThrow(/ENOENT/);
  });
});
