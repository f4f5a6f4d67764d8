/**
 * The server's own account of its pauses over a load window, from its Prometheus metrics: the event
 * loop's delay (prom-client's monitorEventLoopDelay histogram, which each scrape resets) and the time
 * spent in garbage collection by kind. A latency tail far above the handler's own time is queueing
 * behind such pauses; this tells which kind.
 */
export interface ServerPauses {
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  /** Collections during the window by kind (minor = scavenge, major = mark-compact): count and total ms. */
  garbageCollection: Record<string, { count: number; ms: number }>;
  /** Writer transactions during the window, and how many of them held the loop longer than 4, 8 and 16 ms. */
  writerSlices: { count: number; over4Ms: number; over8Ms: number; over16Ms: number };
}

interface GcTotals {
  [kind: string]: { count: number; seconds: number };
}

interface Totals {
  gc: GcTotals;
  /** Cumulative writer-slice histogram: observations at or under each bound (seconds), and in all. */
  slicesAtMost: Map<string, number>;
  slices: number;
}

/** Scrape before a window (resets the delay histogram) and pass the result to `pausesSince` after it. */
export async function scrapePauseTotals(url: string): Promise<Totals> {
  return totalsOf(await metricsText(url));
}

export async function pausesSince(url: string, before: Totals): Promise<ServerPauses> {
  const text = await metricsText(url);
  const after = totalsOf(text);
  const garbageCollection: ServerPauses['garbageCollection'] = {};
  for (const [kind, totals] of Object.entries(after.gc)) {
    const earlier = before.gc[kind] ?? { count: 0, seconds: 0 };
    garbageCollection[kind] = { count: totals.count - earlier.count, ms: Math.round((totals.seconds - earlier.seconds) * 10_000) / 10 };
  }
  const slices = after.slices - before.slices;
  const over = (bound: string) => slices - ((after.slicesAtMost.get(bound) ?? 0) - (before.slicesAtMost.get(bound) ?? 0));
  return {
    eventLoopDelayP99Ms: gauge(text, 'kairos_nodejs_eventloop_lag_p99_seconds') * 1000,
    eventLoopDelayMaxMs: gauge(text, 'kairos_nodejs_eventloop_lag_max_seconds') * 1000,
    garbageCollection,
    writerSlices: { count: slices, over4Ms: over('0.004'), over8Ms: over('0.008'), over16Ms: over('0.016') },
  };
}

async function metricsText(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  return response.text();
}

function gauge(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
  return match ? Math.round(Number(match[1]) * 10_000) / 10_000 : Number.NaN;
}

function totalsOf(text: string): Totals {
  const slicesAtMost = new Map<string, number>();
  for (const match of text.matchAll(/^kairos_writer_slice_seconds_bucket\{le="([0-9.]+)"\} ([0-9]+)$/gm)) slicesAtMost.set(match[1]!, Number(match[2]));
  return { gc: gcTotalsOf(text), slicesAtMost, slices: gauge(text, 'kairos_writer_slice_seconds_count') || 0 };
}

function gcTotalsOf(text: string): GcTotals {
  const totals: GcTotals = {};
  for (const match of text.matchAll(/^kairos_nodejs_gc_duration_seconds_(sum|count)\{kind="([a-z]+)"\} ([0-9.eE+-]+)$/gm)) {
    const kind = match[2]!;
    const entry = (totals[kind] ??= { count: 0, seconds: 0 });
    if (match[1] === 'sum') entry.seconds = Number(match[3]);
    else entry.count = Number(match[3]);
  }
  return totals;
}
