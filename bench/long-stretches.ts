import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds the long synchronous stretches of an event loop in a V8 CPU profile (`node --cpu-prof`):
 * maximal runs of samples that are not idle, longer than a threshold, each with where its time went.
 * A request that arrives during such a stretch waits for all of it, so these, not the hot functions of
 * a flat profile, explain a latency tail. Chrome's profiler shows the same timeline by hand; this
 * prints it for a whole run.
 *
 *   node --import tsx bench/long-stretches.ts PROFILE.cpuprofile|DIR [threshold-ms, default 10] [from-second]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Stretch {
  startMs: number;
  durationMs: number;
  garbageCollectionMs: number;
  /** The project's own functions (inclusive time), longest first. */
  topFunctions: Array<{ name: string; ms: number }>;
}

const IDLE = '(idle)';

export function longStretches(profile: CpuProfile, thresholdMs: number, fromMs = 0): Stretch[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const stretches: Stretch[] = [];
  let at = 0;
  let run: Array<{ node: number; ms: number }> = [];
  let runStart = 0;
  const close = () => {
    const durationMs = run.reduce((sum, sample) => sum + sample.ms, 0);
    if (durationMs >= thresholdMs && runStart >= fromMs) stretches.push(describe(run, runStart, durationMs));
    run = [];
  };
  const describe = (samples: typeof run, startMs: number, durationMs: number): Stretch => {
    const inclusive = new Map<string, number>();
    let garbageCollectionMs = 0;
    for (const sample of samples) {
      const leaf = byId.get(sample.node)!;
      if (leaf.callFrame.functionName === '(garbage collector)') garbageCollectionMs += sample.ms;
      const seen = new Set<string>();
      for (let id: number | undefined = sample.node; id !== undefined; id = parentOf.get(id)) {
        const frame = byId.get(id)!.callFrame;
        if (!isProjectFrame(frame.url)) continue;
        const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(src|dist|bench)\//, '$1/')}:${frame.lineNumber + 1}`;
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + sample.ms);
      }
    }
    const topFunctions = [...inclusive]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
    return { startMs: Math.round(startMs), durationMs: Math.round(durationMs * 10) / 10, garbageCollectionMs: Math.round(garbageCollectionMs * 10) / 10, topFunctions };
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = profile.samples[i]!;
    if (byId.get(node)!.callFrame.functionName === IDLE) {
      if (run.length > 0) close();
    } else {
      if (run.length === 0) runStart = at;
      run.push({ node, ms });
    }
    at += ms;
  }
  if (run.length > 0) close();
  return stretches;
}

function isProjectFrame(url: string): boolean {
  return /\/(src|dist)\//.test(url) && !url.includes('node_modules');
}

if (process.argv[1]?.endsWith('long-stretches.ts')) {
  const target = process.argv[2];
  if (!target) throw new Error('usage: long-stretches.ts PROFILE.cpuprofile|DIR [threshold-ms] [from-second]');
  const files = target.endsWith('.cpuprofile') ? [target] : readdirSync(target).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(target, name));
  const thresholdMs = Number(process.argv[3] ?? 10);
  const fromMs = Number(process.argv[4] ?? 0) * 1000;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const stretches = longStretches(profile, thresholdMs, fromMs);
    const totalMs = stretches.reduce((sum, stretch) => sum + stretch.durationMs, 0);
    console.log(`${file}: ${stretches.length} stretches ≥ ${thresholdMs} ms after ${fromMs / 1000} s, ${Math.round(totalMs)} ms in all`);
    for (const stretch of stretches.sort((a, b) => b.durationMs - a.durationMs).slice(0, 25)) console.log(JSON.stringify(stretch));
  }
}
