/**
 * Measures the real clickstreams the synthetic load generator imitates, and prints the statistics
 * that bench/synthetic-clickstream-model.ts holds (docs/load-generator.md explains them):
 *
 *   npx tsx bench/synthetic-clickstream-stats.ts [data dir]
 *
 * Sessions are REES46's own user_session, and for Taobao (which has none) a user's events split at
 * gaps over 30 minutes. Reads the files through the same readers as `kairos replay`.
 */
import { join } from 'node:path';
import { readClickstream } from '../src/datasets/read-clickstream.js';
import type { SegmentMessage } from '../src/datasets/segment-message.js';
import { syntheticClickstream } from './synthetic-clickstream.js';

const dataDir = process.argv[2] ?? '/work/shared/data';
const SESSION_GAP_MS = 30 * 60 * 1000;

interface Observed {
  time: number;
  event: string;
  productId: string;
  price?: number;
  session?: string;
}

interface ClickstreamStats {
  events: number;
  visitors: number;
  sessions: number;
  eventShares: Record<string, number>;
  /** sessionLengthCounts[n - 1] = number of sessions of n events. */
  sessionLengthCounts: number[];
  sessionsPerVisitorCounts: number[];
  sessionsWithPurchaseShare: number;
  /** Share of visitors with at least one cart add or purchase: the proxy for logging in. */
  visitorsWithCartOrPurchaseShare: number;
  withinSessionGapSeconds: Record<string, number>;
  betweenSessionsGapSeconds: Record<string, number>;
  distinctProducts: number;
  topProductShare: number;
  zipfExponentSeenTwice: number;
  zipfExponentAllRanks: number;
  logPrice?: { mean: number; sd: number; productsPriced: number };
}

async function observe(messages: AsyncIterable<SegmentMessage> | Iterable<SegmentMessage>): Promise<Map<string, Observed[]>> {
  const byVisitor = new Map<string, Observed[]>();
  for await (const message of messages) {
    if (message.type !== 'track') continue;
    const properties = message.properties as Record<string, unknown>;
    const product = (Array.isArray(properties.products) ? properties.products[0] : properties) as Record<string, unknown>;
    const context = message.context as Record<string, unknown>;
    const observed: Observed = { time: Date.parse(message.timestamp as string), event: message.event as string, productId: product.product_id as string };
    if (typeof product.price === 'number') observed.price = product.price;
    if (typeof context.sessionId === 'string') observed.session = context.sessionId;
    // The generator's visitors are anonymous first; the data sets' are known by their user id.
    const visitor = String(message.anonymousId ?? message.userId);
    let events = byVisitor.get(visitor);
    if (!events) byVisitor.set(visitor, (events = []));
    events.push(observed);
  }
  return byVisitor;
}

async function* messagesOf(file: string): AsyncGenerator<SegmentMessage> {
  for await (const row of readClickstream(file)) {
    if (!row.message) throw new Error(`${file} line ${row.line}: ${row.error?.field}: ${row.error?.problem}`);
    yield row.message;
  }
}

/** A visitor's events cut into sessions: by explicit session id when the data has one, else at 30-minute gaps. */
function sessionsOf(events: Observed[]): Observed[][] {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  if (sorted.every((event) => event.session !== undefined)) {
    const byId = new Map<string, Observed[]>();
    for (const event of sorted) {
      const session = byId.get(event.session as string);
      if (session) session.push(event);
      else byId.set(event.session as string, [event]);
    }
    return [...byId.values()]; // in order of first event, since `sorted` is
  }
  const sessions: Observed[][] = [];
  for (const event of sorted) {
    const current = sessions.at(-1);
    const last = current?.at(-1);
    if (current && last && event.time - last.time <= SESSION_GAP_MS) current.push(event);
    else sessions.push([event]);
  }
  return sessions;
}

/** Least-squares slope of log(count) on log(rank), negated: the Zipf exponent s in count ∝ rank^-s. */
function zipfExponent(countsDescending: number[]): number {
  const points = countsDescending.map((count, index) => [Math.log(index + 1), Math.log(count)] as const);
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return -covariance / variance;
}

function quantiles(values: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

function histogram(values: number[]): number[] {
  const counts = new Array<number>(values.reduce((most, value) => Math.max(most, value), 0)).fill(0);
  for (const value of values) counts[value - 1] = (counts[value - 1] ?? 0) + 1;
  return counts;
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

function measure(byVisitor: Map<string, Observed[]>): ClickstreamStats {
  const eventCounts = new Map<string, number>();
  const productCounts = new Map<string, number>();
  const latestPrice = new Map<string, number>();
  const sessionLengths: number[] = [];
  const sessionsPerVisitor: number[] = [];
  const withinGaps: number[] = [];
  const betweenGaps: number[] = [];
  let events = 0;
  let sessionsWithPurchase = 0;
  let visitorsWithCartOrPurchase = 0;
  for (const visitorEvents of byVisitor.values()) {
    const sessions = sessionsOf(visitorEvents);
    sessionsPerVisitor.push(sessions.length);
    if (visitorEvents.some((event) => event.event === 'Product Added' || event.event === 'Order Completed')) visitorsWithCartOrPurchase += 1;
    sessions.forEach((session, index) => {
      sessionLengths.push(session.length);
      if (session.some((event) => event.event === 'Order Completed')) sessionsWithPurchase += 1;
      for (let i = 1; i < session.length; i++) withinGaps.push(((session[i] as Observed).time - (session[i - 1] as Observed).time) / 1000);
      const previous = sessions[index - 1];
      if (previous) betweenGaps.push(((session[0] as Observed).time - (previous.at(-1) as Observed).time) / 1000);
    });
    for (const event of visitorEvents) {
      events += 1;
      eventCounts.set(event.event, (eventCounts.get(event.event) ?? 0) + 1);
      productCounts.set(event.productId, (productCounts.get(event.productId) ?? 0) + 1);
      if (event.price !== undefined && event.price > 0) latestPrice.set(event.productId, event.price);
    }
  }
  const popularity = [...productCounts.values()].sort((a, b) => b - a);
  const stats: ClickstreamStats = {
    events,
    visitors: byVisitor.size,
    sessions: sessionLengths.length,
    eventShares: Object.fromEntries([...eventCounts].sort(([, a], [, b]) => b - a).map(([event, count]) => [event, round(count / events)])),
    sessionLengthCounts: histogram(sessionLengths),
    sessionsPerVisitorCounts: histogram(sessionsPerVisitor),
    sessionsWithPurchaseShare: round(sessionsWithPurchase / sessionLengths.length),
    visitorsWithCartOrPurchaseShare: round(visitorsWithCartOrPurchase / byVisitor.size),
    withinSessionGapSeconds: quantiles(withinGaps),
    betweenSessionsGapSeconds: quantiles(betweenGaps),
    distinctProducts: productCounts.size,
    topProductShare: round((popularity[0] ?? 0) / events),
    zipfExponentSeenTwice: round(zipfExponent(popularity.filter((count) => count >= 2)), 3),
    zipfExponentAllRanks: round(zipfExponent(popularity), 3),
  };
  if (latestPrice.size > 0) {
    const logs = [...latestPrice.values()].map(Math.log);
    const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1));
    stats.logPrice = { mean: round(mean), sd: round(sd), productsPriced: logs.length };
  }
  return stats;
}

function summary(name: string, stats: ClickstreamStats): string {
  const mean = (counts: number[]) => counts.reduce((sum, count, index) => sum + count * (index + 1), 0) / counts.reduce((sum, count) => sum + count, 0);
  const lengthShares = stats.sessionLengthCounts.slice(0, 5).map((count, index) => `${index + 1}: ${((100 * count) / stats.sessions).toFixed(1)}%`);
  return [
    `## ${name}`,
    `events ${stats.events}, visitors ${stats.visitors}, sessions ${stats.sessions}, products ${stats.distinctProducts}`,
    `event mix: ${Object.entries(stats.eventShares).map(([event, share]) => `${event} ${(100 * share).toFixed(2)}%`).join(', ')}`,
    `events per session: mean ${mean(stats.sessionLengthCounts).toFixed(2)}, max ${stats.sessionLengthCounts.length}; ${lengthShares.join(', ')}`,
    `sessions per visitor: mean ${mean(stats.sessionsPerVisitorCounts).toFixed(2)}, max ${stats.sessionsPerVisitorCounts.length}; events per visitor: mean ${(stats.events / stats.visitors).toFixed(2)}`,
    `sessions with a purchase: ${(100 * stats.sessionsWithPurchaseShare).toFixed(2)}%; visitors with a cart add or purchase (login proxy): ${(100 * stats.visitorsWithCartOrPurchaseShare).toFixed(2)}%`,
    `gap between events of a session (s): ${JSON.stringify(stats.withinSessionGapSeconds)}`,
    `gap between sessions of a visitor (s): ${JSON.stringify(stats.betweenSessionsGapSeconds)}`,
    `item popularity: top product ${(100 * stats.topProductShare).toFixed(2)}% of events; Zipf exponent ${stats.zipfExponentSeenTwice} (products seen twice or more), ${stats.zipfExponentAllRanks} (all ranks)`,
    stats.logPrice ? `log(price) over products: mean ${stats.logPrice.mean}, sd ${stats.logPrice.sd} (${stats.logPrice.productsPriced} products)` : 'prices: none in the data',
  ].join('\n');
}

const taobao = measure(await observe(messagesOf(join(dataDir, 'taobao_userbehavior_head/UserBehavior-head84475.csv.gz'))));
const rees46 = measure(await observe(messagesOf(join(dataDir, 'rees46_oct2019_head/2019-Oct-head17434.csv.gz'))));
console.log(summary('Taobao UserBehavior, first 84,475 rows (sessions: 30-minute gaps)', taobao));
console.log();
console.log(summary('REES46 2019-Oct, first 17,434 rows (sessions: user_session)', rees46));
console.log();
// The same measurement on the generator's output, at a tenth of the benchmark size, to show what it keeps and what it changes.
const generated = measure(await observe(syntheticClickstream({ seed: 1, events: 300_000, visitors: 140_000 })));
console.log(summary('Synthetic clickstream, seed 1, 300,000 messages over 140,000 visitors (track events only)', generated));
console.log();
console.log('## As JSON (bench/synthetic-clickstream-model.ts copies the REES46 block)');
console.log(JSON.stringify({ taobao, rees46 }));
