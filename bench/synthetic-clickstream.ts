/**
 * A synthetic clickstream for load benchmarks: by default about 3M messages from exactly 1.4M
 * visitors, in event-time order, shaped like the REES46 data (event mix, session lengths, sessions
 * per visitor, gaps, Zipf product popularity, log-normal prices; see synthetic-clickstream-model.ts
 * and docs/load-generator.md). Deterministic for a seed, generated lazily: memory grows with the
 * visitors active at one time, not with the events.
 *
 *   npx tsx bench/synthetic-clickstream.ts [--seed 1] [--events 3000000] [--visitors 1400000] > events.jsonl
 *
 * writes the messages as Segment JSONL (for `kairos replay`) and their exact counts to stderr.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { SegmentMessage } from '../src/datasets/segment-message.js';
import {
  BETWEEN_SESSIONS_GAP_SECONDS,
  EVENT_COUNTS,
  LOG_PRICE,
  LOGGED_IN_SHARE,
  mean,
  SESSION_LENGTH_COUNTS,
  SESSIONS_PER_VISITOR_COUNTS,
  tiltToMean,
  WITHIN_SESSION_GAP_SECONDS,
  ZIPF_EXPONENT,
  type SyntheticEventName,
} from './synthetic-clickstream-model.js';
import { AliasSampler, createRandom, exponential, fromQuantiles, hash32, type Random } from './synthetic-clickstream-random.js';
import { Schedule } from './synthetic-clickstream-schedule.js';

export interface SyntheticClickstreamOptions {
  seed: number;
  /** Messages in all, track events plus one identify per login; the target of the model, met to within sampling noise. Default 3,000,000. */
  events?: number;
  /** Distinct visitors, exactly. Default 1,400,000. */
  visitors?: number;
  /** Products in the catalog the events are drawn from. Default 100,000. */
  products?: number;
  /** When the first visitor may arrive (ISO-8601). Default 2019-10-01T00:00:00.000Z, the REES46 month. */
  start?: string;
  /** Visitors arrive at a constant rate over this many hours. Default 24. */
  arrivalHours?: number;
}

/** What the stream contains, exactly; a store that ingested all of it must show the same numbers. */
export interface SyntheticClickstreamCounts {
  messages: number;
  byEvent: Record<SyntheticEventName | 'identify', number>;
  visitors: number;
  /** Each visitor is one person (one anonymousId, plus one userId once logged in): one profile each. */
  profilesExpected: number;
  loggedInVisitors: number;
  sessions: number;
  distinctProducts: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

const EVENT_NAMES = Object.keys(EVENT_COUNTS) as SyntheticEventName[];

interface SimulatedEvent {
  kind: SyntheticEventName | 'identify';
  time: number;
  visitor: number;
  session: number;
  /** Popularity rank of the product, 0 the most viewed; -1 for an identify. */
  product: number;
  loggedIn: boolean;
}

interface ActiveVisitor {
  time: number;
  order: number;
  visitor: number;
  session: number;
  eventsLeftInSession: number;
  sessionsLeft: number;
  eventsDone: number;
  /** Index of the event before which the visitor logs in, or -1 when they never do. */
  loginBefore: number;
  loggedIn: boolean;
}

interface Model {
  seed: number;
  visitors: number;
  products: number;
  start: number;
  arrivalGapMs: number;
  eventKinds: AliasSampler;
  productRanks: AliasSampler;
  sessionLengths: AliasSampler;
  sessionsPerVisitor: AliasSampler;
}

function modelOf(options: SyntheticClickstreamOptions): Model {
  const events = options.events ?? 3_000_000;
  const visitors = options.visitors ?? 1_400_000;
  const products = options.products ?? 100_000;
  const start = Date.parse(options.start ?? '2019-10-01T00:00:00.000Z');
  const arrivalHours = options.arrivalHours ?? 24;
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be an integer');
  if (!Number.isSafeInteger(visitors) || visitors < 1) throw new RangeError('visitors must be a positive integer');
  if (!(arrivalHours > 0)) throw new RangeError('arrivalHours must be positive');
  if (!Number.isSafeInteger(products) || products < 1) throw new RangeError('products must be a positive integer');
  if (Number.isNaN(start)) throw new RangeError(`start ${options.start} is not an ISO-8601 time`);
  // The data's events per visitor (3.87) is not the benchmark's: session lengths are tilted to fit.
  const trackEventsPerVisitor = (events - visitors * LOGGED_IN_SHARE) / visitors;
  const sessionLength = tiltToMean(SESSION_LENGTH_COUNTS, trackEventsPerVisitor / mean(SESSIONS_PER_VISITOR_COUNTS));
  return {
    seed: options.seed,
    visitors,
    products,
    start,
    arrivalGapMs: (arrivalHours * 3_600_000) / visitors,
    eventKinds: new AliasSampler(EVENT_NAMES.map((name) => EVENT_COUNTS[name])),
    productRanks: new AliasSampler(Float64Array.from({ length: products }, (_, rank) => (rank + 1) ** -ZIPF_EXPONENT)),
    sessionLengths: new AliasSampler(sessionLength),
    sessionsPerVisitor: new AliasSampler(SESSIONS_PER_VISITOR_COUNTS),
  };
}

/** The simulation: visitors arrive as a Poisson process and each walks through their sessions. */
function* simulate(model: Model): Generator<SimulatedEvent> {
  const random = createRandom(model.seed);
  const schedule = new Schedule<ActiveVisitor>();
  let order = 0;
  let sessions = 0;
  let arrived = 0;
  let nextArrival = model.start + exponential(random, model.arrivalGapMs);
  for (;;) {
    const next = schedule.peek();
    if (arrived < model.visitors && (next === undefined || nextArrival <= next.time)) {
      const firstSessionLength = model.sessionLengths.sample(random) + 1;
      schedule.push({
        time: nextArrival,
        order: order++,
        visitor: arrived++,
        session: sessions++,
        eventsLeftInSession: firstSessionLength,
        sessionsLeft: model.sessionsPerVisitor.sample(random),
        eventsDone: 0,
        loginBefore: random.next() < LOGGED_IN_SHARE ? Math.floor(random.next() * firstSessionLength) : -1,
        loggedIn: false,
      });
      nextArrival += exponential(random, model.arrivalGapMs);
      continue;
    }
    const active = schedule.pop();
    if (active === undefined) return;
    const time = Math.floor(active.time);
    if (active.eventsDone === active.loginBefore) {
      active.loggedIn = true;
      yield { kind: 'identify', time, visitor: active.visitor, session: active.session, product: -1, loggedIn: true };
    }
    const kind = EVENT_NAMES[model.eventKinds.sample(random)] as SyntheticEventName;
    yield { kind, time, visitor: active.visitor, session: active.session, product: model.productRanks.sample(random), loggedIn: active.loggedIn };
    active.eventsDone += 1;
    active.eventsLeftInSession -= 1;
    if (active.eventsLeftInSession > 0) {
      active.time += fromQuantiles(random, WITHIN_SESSION_GAP_SECONDS) * 1000;
    } else if (active.sessionsLeft > 0) {
      // sessionsPerVisitor samples an index, so a visitor has sessionsLeft + 1 sessions in all.
      active.sessionsLeft -= 1;
      active.session = sessions++;
      active.eventsLeftInSession = model.sessionLengths.sample(random) + 1;
      active.time += fromQuantiles(random, BETWEEN_SESSIONS_GAP_SECONDS) * 1000;
    } else {
      continue;
    }
    active.order = order++;
    schedule.push(active);
  }
}

class Tally {
  readonly counts: SyntheticClickstreamCounts = {
    messages: 0,
    byEvent: { 'Product Viewed': 0, 'Product Added': 0, 'Order Completed': 0, identify: 0 },
    visitors: 0,
    profilesExpected: 0,
    loggedInVisitors: 0,
    sessions: 0,
    distinctProducts: 0,
    firstTimestamp: null,
    lastTimestamp: null,
  };
  private readonly productsSeen: Uint8Array;
  private sessionsSeen = -1;
  private visitorsSeen = -1;
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;

  constructor(products: number) {
    this.productsSeen = new Uint8Array(products);
  }

  add(event: SimulatedEvent): void {
    const counts = this.counts;
    counts.messages += 1;
    counts.byEvent[event.kind] += 1;
    if (event.kind === 'identify') counts.loggedInVisitors += 1;
    // Visitors and sessions are numbered in order of arrival, so the highest number seen counts them.
    this.visitorsSeen = Math.max(this.visitorsSeen, event.visitor);
    this.sessionsSeen = Math.max(this.sessionsSeen, event.session);
    if (event.product >= 0 && this.productsSeen[event.product] === 0) {
      this.productsSeen[event.product] = 1;
      counts.distinctProducts += 1;
    }
    if (Number.isNaN(this.firstTime)) this.firstTime = event.time;
    this.lastTime = event.time;
  }

  result(): SyntheticClickstreamCounts {
    const counts = this.counts;
    counts.visitors = this.visitorsSeen + 1;
    counts.profilesExpected = counts.visitors;
    counts.sessions = this.sessionsSeen + 1;
    counts.firstTimestamp = Number.isNaN(this.firstTime) ? null : new Date(this.firstTime).toISOString();
    counts.lastTimestamp = Number.isNaN(this.lastTime) ? null : new Date(this.lastTime).toISOString();
    return { ...counts, byEvent: { ...counts.byEvent } };
  }
}

/**
 * The synthetic clickstream as Segment messages in time order, shaped like the REES46 mapping
 * (`Product Viewed` with product_id, category, brand, price, quantity; `Order Completed` with
 * order_id, revenue and products; `context.sessionId`), with an anonymousId per visitor and, for the
 * logged-in share, an identify at login and the userId on every later event. Returns the exact counts
 * when exhausted; `countSyntheticClickstream` gives the same numbers without building messages.
 *
 * @example
 * const stream = syntheticClickstream({ seed: 1, events: 20_000, visitors: 9_000 });
 * for (let next = stream.next(); ; next = stream.next()) {
 *   if (next.done) { console.log(next.value.byEvent); break; }
 *   batch.push(next.value);
 * }
 */
export function* syntheticClickstream(options: SyntheticClickstreamOptions): Generator<SegmentMessage, SyntheticClickstreamCounts> {
  const model = modelOf(options);
  const tally = new Tally(model.products);
  for (const event of simulate(model)) {
    tally.add(event);
    yield toMessage(event, tally.counts.messages, model.seed);
  }
  return tally.result();
}

/**
 * The exact counts of `syntheticClickstream(options)`, by running the same simulation without
 * building messages, so a benchmark knows what the store must hold before sending anything.
 */
export function countSyntheticClickstream(options: SyntheticClickstreamOptions): SyntheticClickstreamCounts {
  const model = modelOf(options);
  const tally = new Tally(model.products);
  for (const event of simulate(model)) tally.add(event);
  return tally.result();
}

function toMessage(event: SimulatedEvent, sequence: number, seed: number): SegmentMessage {
  const prefix = `syn${seed}`;
  const message: SegmentMessage = { type: event.kind === 'identify' ? 'identify' : 'track' };
  if (event.kind !== 'identify') message.event = event.kind;
  message.anonymousId = `${prefix}-a${event.visitor}`;
  if (event.loggedIn) message.userId = `${prefix}-u${event.visitor}`;
  message.messageId = `${prefix}-${sequence}`;
  message.timestamp = new Date(event.time).toISOString();
  if (event.kind === 'identify') {
    message.traits = { email: `${prefix}-u${event.visitor}@example.com` };
  } else {
    const product = productOf(event.product);
    message.properties =
      event.kind === 'Order Completed' ? { order_id: `${prefix}-o${sequence}`, revenue: product.price, products: [product] } : product;
  }
  message.context = { channel: 'web', sessionId: `${prefix}-s${event.session}` };
  return message;
}

/**
 * The attributes of the product of a popularity rank, a pure function of the rank so that the
 * catalog needs no memory and is the same whatever the seed: 400 categories, 1,000 brands, and a
 * log-normal price with the REES46 parameters.
 */
export function productOf(rank: number): { product_id: string; category: string; brand: string; price: number; quantity: 1 } {
  const u1 = (hash32(rank * 2 + 1) + 1) / 4294967297;
  const u2 = hash32(rank * 2 + 2) / 4294967296;
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return {
    product_id: `sku-${rank + 1}`,
    category: `category-${hash32(rank ^ 0x5bd1e995) % 400}`,
    brand: `brand-${hash32(rank ^ 0x27d4eb2f) % 1000}`,
    price: Math.round(Math.exp(LOG_PRICE.mean + LOG_PRICE.sd * normal) * 100) / 100,
    quantity: 1,
  };
}

function numberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

async function writeJsonl(options: SyntheticClickstreamOptions): Promise<void> {
  const out = createWriteStream('', { fd: 1 });
  const stream = syntheticClickstream(options);
  let chunk = '';
  for (let next = stream.next(); ; next = stream.next()) {
    if (next.done) {
      out.end(chunk);
      console.error(JSON.stringify(next.value, null, 2));
      return;
    }
    chunk += `${JSON.stringify(next.value)}\n`;
    if (chunk.length > 1 << 20) {
      const flushed = out.write(chunk);
      chunk = '';
      if (!flushed) await once(out, 'drain');
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeJsonl({ seed: numberArgument('seed', 1), events: numberArgument('events', 3_000_000), visitors: numberArgument('visitors', 1_400_000) });
}
