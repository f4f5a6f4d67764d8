import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Finds where a process's event loop waits on the kernel: every 2 ms it reads the system call its main
 * thread is in (/proc/PID/syscall), and prints each stretch of one call longer than a threshold — the
 * call, the file it is on, its time and the top of the kernel stack it sleeps in — except the event
 * loop's own wait for work (epoll). A request that arrives meanwhile waits for all of it, so these
 * explain latency stalls a CPU profile cannot (it only shows the JavaScript that made the call).
 * Stretches outside any call ("running") are printed too, with how much of them the thread was on a
 * core and how much it waited for one (/proc/PID/schedstat): computing (JavaScript, GC) or starved.
 * Written by hand because strace slowed the server it traced to a hundredth of its rate, and perf and
 * bpftrace are not on these machines; reading /proc costs the watched process nothing. Linux only.
 *
 *   node --import tsx bench/blocked-syscalls.ts PID [threshold-ms, default 20]
 *   BENCH_BLOCKED_SYSCALLS=FILE … any bench that starts Kairos (bench-support.ts starts this on it)
 */
const SYSCALL_NAMES: Record<string, string> = {
  0: 'read',
  1: 'write',
  3: 'close',
  17: 'pread64',
  18: 'pwrite64',
  19: 'readv',
  20: 'writev',
  26: 'msync',
  74: 'fsync',
  75: 'fdatasync',
  76: 'truncate',
  77: 'ftruncate',
  202: 'futex',
  257: 'openat',
  285: 'fallocate',
};
/** The event loop waiting for work, not for the kernel to finish something. */
const IDLE_WAITS = new Set(['7', '232', '281']);
/** Calls whose first argument is a file descriptor (named by its path in the report). */
const ON_A_FILE = new Set(['0', '1', '17', '18', '19', '20', '26', '74', '75', '77', '285']);
const POLL_MS = 2;

export interface BlockedStretch {
  at: string;
  ms: number;
  /** The system call, or `running` when the thread was in none (its own code, or waiting for a core). */
  call: string;
  file?: string;
  kernelStack?: string;
  /** For `running`: ms of it on a core, and ms waiting in the run queue. */
  onCpuMs?: number;
  waitingForCpuMs?: number;
}

/** Running stretches shorter than this are the event loop's normal work between two polls. */
const RUNNING_REPORTED_FROM_MS = 60;

/** Calls `report` for each stretch over `thresholdMs`; resolves when the process is gone. */
export function watchBlockedSyscalls(pid: number, thresholdMs: number, report: (stretch: BlockedStretch) => void): Promise<void> {
  let current: { line: string; since: number; file?: string | undefined; kernelStack: string; schedstat: number[] } | undefined;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      let line: string;
      try {
        line = readFileSync(`/proc/${pid}/syscall`, 'utf8').trim();
      } catch {
        clearInterval(timer);
        resolve();
        return;
      }
      const now = performance.now();
      if (line === current?.line) return;
      const schedstat = schedStat(pid);
      if (current !== undefined) {
        const ms = Math.round(now - current.since);
        const at = new Date().toISOString();
        const number = current.line.split(' ')[0]!;
        if (current.line === 'running' && ms > Math.max(thresholdMs, RUNNING_REPORTED_FROM_MS)) {
          const [onCpu = 0, waiting = 0] = schedstat.map((ns, i) => (ns - (current!.schedstat[i] ?? ns)) / 1e6);
          report({ at, ms, call: 'running', onCpuMs: Math.round(onCpu), waitingForCpuMs: Math.round(waiting) });
        } else if (current.line !== 'running' && ms > thresholdMs && !IDLE_WAITS.has(number)) {
          const stretch: BlockedStretch = { at, ms, call: SYSCALL_NAMES[number] ?? `syscall ${number}`, kernelStack: current.kernelStack };
          if (current.file !== undefined) stretch.file = current.file;
          report(stretch);
        }
      }
      current = { line, since: now, file: fileOf(pid, line), kernelStack: line === 'running' ? '' : kernelStack(pid), schedstat };
    }, POLL_MS);
  });
}

function fileOf(pid: number, line: string): string | undefined {
  const [number, fd] = line.split(' ');
  if (!ON_A_FILE.has(number!) || fd === undefined) return undefined;
  try {
    return readlinkSync(`/proc/${pid}/fd/${Number.parseInt(fd, 16)}`);
  } catch {
    return undefined;
  }
}

/** Nanoseconds the thread has spent on a core and waiting in a run queue, since it started. */
function schedStat(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').slice(0, 2).map(Number);
  } catch {
    return [];
  }
}

/** The innermost kernel functions the thread sleeps in, e.g. `folio_wait_bit_common < filemap_get_pages < filemap_read`. */
function kernelStack(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stack`, 'utf8')
      .split('\n')
      .slice(0, 4)
      .map((frame) => frame.replace(/^\[<[0-9a-f]+>\] /, '').replace(/\+0x.*$/, ''))
      .filter(Boolean)
      .join(' < ');
  } catch {
    return '';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pid = Number(process.argv[2]);
  if (!Number.isInteger(pid) || pid <= 0) {
    console.error('usage: node --import tsx bench/blocked-syscalls.ts PID [threshold-ms]');
    process.exit(2);
  }
  await watchBlockedSyscalls(pid, Number(process.argv[3] ?? 20), (stretch) => console.log(JSON.stringify(stretch)));
}
