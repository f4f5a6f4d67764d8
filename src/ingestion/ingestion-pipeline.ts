import { LRUCache } from 'lru-cache';
import { activityKindOf, type ProductActivity } from '../catalog/product-activity.js';
import type { IdentityResolver } from '../identity/identity-resolver.js';
import type { IdentityStore } from '../identity/identity-store.js';
import { applyEvent } from '../profiles/apply-event.js';
import { emptyProfileState, type ProfileState } from '../profiles/profile-state.js';
import type { WriteBehindProfileStore } from '../profiles/write-behind-profile-store.js';
import { Errors } from '../shared/errors.js';
import type { TransactionRunner } from '../storage/transaction-runner.js';
import { interpretCommerce, type CommerceFacts } from './ecommerce-spec.js';
import type { EventBus } from './event-bus.js';
import type { IngestionMetrics } from './ingestion-metrics.js';
import type { EventStore } from './event-store.js';
import type { KairosEvent, StoredEvent } from './kairos-event.js';

export interface PipelineDeps {
  events: EventStore;
  identities: IdentityStore;
  /** States are written behind the log: held here once committed, flushed by the writer in rounds. */
  profiles: WriteBehindProfileStore;
  resolver: IdentityResolver;
  productActivity: { recordActivity(activities: ProductActivity[]): Promise<void> };
  /**
   * Counts derived from the stored events that must commit with them (campaign results): written in
   * the batch's own transaction, so they never drift from the log and cost no commit of their own.
   */
  derivedCounts?: (events: readonly StoredEvent[]) => Promise<void>;
  /**
   * Scores each session event after it is folded (the purchase probability is saved with the profile),
   * and learns once the batch is committed; see src/models/epp/.
   */
  sessionScorer?: SessionScorer;
  transactions: TransactionRunner;
  bus: EventBus;
  profileCacheSize: number;
  /** Events per transaction at most; requests queued meanwhile share the next one. */
  maxBatchEvents?: number;
  /**
   * How long one transaction's work (fold, commit, listeners) should take, in ms: the writer sizes each
   * transaction from what events cost it lately and yields to the event loop between transactions, so
   * a request arriving meanwhile waits for one slice of ingestion, not for a whole batch. Bulk loads,
   * which nothing waits beside, set it high for fewer commits.
   */
  sliceMs?: number;
  metrics?: Pick<IngestionMetrics, 'writerSlice'>;
  /** When held profile states are flushed: after `intervalMs`, or sooner once `maxHeld` are held. */
  flush?: { intervalMs: number; maxHeld: number };
  /** A flush that failed (its states stay held and the next round tries again). */
  onFlushError?: (error: unknown) => void;
}

export interface SessionScorer {
  score(state: ProfileState, event: KairosEvent, facts: CommerceFacts): void;
  commit(): void;
  abort(): void;
}

export interface SubmitResult {
  stored: number;
  duplicates: number;
}

interface EventsRequest {
  kind: 'events';
  events: KairosEvent[];
  /** When it was submitted (performance.now()). */
  submittedAt: number;
  /** How many of its events are in committed (or current) slices. */
  taken: number;
  stored: number;
  duplicates: number;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
}

type QueueItem = EventsRequest | { kind: 'task'; run: () => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** A flush round: the states held when it began, saved a chunk at a time; `through` is the log position they had reached. */
interface FlushRound {
  ids: string[];
  next: number;
  through: number;
}

/** The next states of a round to save; with the round's `last` chunk, the position they are complete through. */
interface FlushChunk {
  ids: string[];
  last: boolean;
  through: number;
}

/** A chunk whose states were saved in a transaction (not yet committed), and how long the saves took. */
interface SavedChunk {
  chunk: FlushChunk;
  saved: ProfileState[];
  savedMs: number;
}

/** What a slice's transaction did: per event whether it was a duplicate, and the time of the flush chunk saved with it. */
interface SliceOutcome {
  duplicate: boolean[];
  /** Set when a flush chunk was committed with the slice: the ms its saves took. */
  flushedMs?: number;
}

/** Events [from, to) of one request, in one slice. */
interface SlicePart {
  request: EventsRequest;
  from: number;
  to: number;
}

const HISTORY_PAGE = 5000;
/** Events read per page when states are folded again from the log (recovery). */
const RECOVERY_PAGE = 5000;
export const DEFAULT_FLUSH = { intervalMs: 1000, maxHeld: 20_000 };
/** What saving a state is assumed to cost before the writer has measured one. */
const FIRST_COST_PER_SAVE_MS = 0.02;
/**
 * States a flush chunk saves at least. Small, because requests wait for a chunk as for a slice: in
 * the decide benchmark at 1M profiles a save cost 0.3–0.5 ms in the server (a random leaf page of a
 * 1.6 GB table, read and rewritten), so a floor of 32 made chunks of 10–30 ms, every second.
 */
const MIN_FLUSH_CHUNK = 4;
export const DEFAULT_SLICE_MS = 2;
/** What an event is assumed to cost before the writer has measured one. */
const FIRST_COST_PER_EVENT_MS = 0.1;
/** Weight of the latest slice in the running cost per event. */
const COST_SMOOTHING = 0.2;
/**
 * Events a slice takes at least, when they wait: the cost measured per event includes the transaction's
 * fixed part (lookups, commit), so after slices of one or two events it reads high and would keep the
 * slices small when a burst comes (single-event requests then waited hundreds of ms).
 */
const MIN_SLICE_EVENTS = 8;
/** A writer whose oldest request not yet started has waited this many slices is falling behind. */
const BEHIND_AFTER_SLICES = 8;
/** How far falling behind may stretch a slice, as a multiple of sliceMs. */
const MAX_SLICE_STRETCH = 32;

/**
 * The single writer of the embedded store. Requests queue their events; the writer drains the queue
 * in batches (group commit), so concurrent requests share one transaction and one fsync-free WAL write.
 * Each batch: drop known messageIds → resolve identities (merging profiles) → fold events into the
 * profiles' states → one transaction for events, identities, merges and product counters → settle
 * caches and hold the changed states → publish to the bus. Callers are answered only after their
 * events are committed. Held states are flushed in rounds, a chunk between slices, and folded again
 * from the log at start after a crash (docs/architecture.md, "Profile states written behind the log").
 *
 * Batches are slices of the queue sized by time (`sliceMs`), not whole requests: a 100-event batch
 * of shoppers the writer has not cached costs tens of ms on a small machine, and the one event loop
 * would hold every other request for all of it. A request larger than a slice is committed over
 * several; if a later slice of it fails, the caller gets the error with its earlier events stored,
 * and a retry stores the rest (messageIds dedupe what was committed). Single events that keep coming
 * are gathered for a moment into shared transactions (`gather`), so a transaction's fixed cost is not
 * paid per event. When the oldest request not yet started has waited several slices, the writer is
 * falling behind: the next slice is twice as long, up to MAX_SLICE_STRETCH times, and it halves back
 * once the writer keeps up. A large request alone does not stretch them: a 100-event batch beside
 * reads is committed in short slices with the reads answered between them. (Before gathering,
 * single-event traffic at half of the writer's capacity fell behind unless every slice after which
 * anything waited stretched, and those long slices were the reads' tail.)
 */
export class IngestionPipeline {
  private readonly queue: QueueItem[] = [];
  private draining = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private readonly profileCache: LRUCache<string, ProfileState>;
  private readonly maxBatchEvents: number;
  private readonly sliceMs: number;
  private currentSliceMs: number;
  private costPerEventMs = FIRST_COST_PER_EVENT_MS;
  /** Events submitted and not yet in a slice. */
  private waitingEvents = 0;
  /** When the oldest event not yet in a slice arrived (performance.now()). */
  private waitingSince = 0;
  /** When the writer last finished a slice. */
  private lastSliceEnd = Number.NEGATIVE_INFINITY;
  /** Wakes a writer gathering events once enough have arrived. */
  private wakeGatherer: (() => void) | undefined;
  private readonly flush: { intervalMs: number; maxHeld: number };
  private round: FlushRound | undefined;
  private lastRoundEnd = performance.now();
  private costPerSaveMs = FIRST_COST_PER_SAVE_MS;
  private closingFlushFailed = false;
  /** Set when a chunk's transaction failed, until a chunk is saved: chunks are then saved on their own. */
  private flushFailing = false;
  /** Restarts an idle writer when held states are due to be flushed. */
  private flushTimer: NodeJS.Timeout | undefined;
  /** The seq of the latest event committed. */
  private lastSeq = 0;
  /** Set when folding the log after the saved states failed: nothing may be written on top of that. */
  private recoveryError: unknown;
  /**
   * Resolves once the states the last run left unsaved are folded again from the log, with the number
   * of events folded (0 after a graceful stop). Nothing is written before.
   */
  readonly ready: Promise<number>;

  constructor(private readonly deps: PipelineDeps) {
    this.profileCache = new LRUCache({ max: deps.profileCacheSize });
    this.maxBatchEvents = deps.maxBatchEvents ?? 2000;
    this.sliceMs = deps.sliceMs ?? DEFAULT_SLICE_MS;
    this.currentSliceMs = this.sliceMs;
    this.flush = deps.flush ?? DEFAULT_FLUSH;
    this.ready = this.exclusive(() => this.recover());
    this.ready.catch((error: unknown) => (this.recoveryError = error));
  }

  submit(events: KairosEvent[]): Promise<SubmitResult> {
    if (this.closed) return Promise.reject(Errors.shuttingDown());
    if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      const now = performance.now();
      this.queue.push({ kind: 'events', events, submittedAt: now, taken: 0, stored: 0, duplicates: 0, resolve, reject });
      if (this.waitingEvents === 0) this.waitingSince = now;
      this.waitingEvents += events.length;
      if (this.waitingEvents >= MIN_SLICE_EVENTS) this.wakeGatherer?.();
      this.startDraining();
    });
  }

  /** Runs a task between batches, with the caches at rest (erasure uses it). */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(Errors.shuttingDown());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'task', run, resolve: resolve as (value: unknown) => void, reject });
      this.startDraining();
    });
  }

  /**
   * The writer's own copy of a profile's state, when it holds one (the profiles it wrote lately): the
   * newest state there is, for readers that must not wait for the store. Read-only to them.
   */
  cachedProfile(profileId: string): Readonly<ProfileState> | undefined {
    return this.profileCache.peek(profileId) ?? this.deps.profiles.peek(profileId);
  }

  /** Forgets a profile's cached state (after erasure). */
  evictProfile(profileId: string): void {
    this.profileCache.delete(profileId);
  }

  /** Stops accepting work and resolves when everything queued is committed and every held state saved. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.flushTimer);
    this.wakeGatherer?.();
    this.startDraining();
    await this.idle;
  }

  private startDraining(): void {
    if (this.draining) return;
    this.draining = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    clearTimeout(this.flushTimer);
    while (this.queue.length > 0 || this.flushDue()) {
      if (this.queue.length === 0) {
        await this.flushChunk();
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const head = this.queue[0]!;
      if (head.kind === 'task') {
        this.queue.shift();
        await head.run().then(head.resolve, head.reject);
        continue;
      }
      await this.gather();
      const parts = this.nextSlice();
      const withChunk = this.flushDue() && !this.flushFailing;
      const started = performance.now();
      let flushedMs: number | undefined;
      try {
        flushedMs = await this.processParts(parts, withChunk);
      } catch (error) {
        if (parts.length === 1 && !withChunk) this.fail(parts[0]!.request, error);
        // One request's events (or the flush chunk) can sink a shared transaction; retry each request
        // alone and without the chunk, so only a request whose own events fail is refused.
        else for (const part of parts) await this.processParts([part], false).catch((single: unknown) => this.fail(part.request, single));
      }
      this.lastSliceEnd = performance.now();
      const elapsedMs = this.lastSliceEnd - started;
      const events = sliceEvents(parts);
      this.deps.metrics?.writerSlice(events, elapsedMs / 1000);
      this.adaptSlice(elapsedMs - (flushedMs ?? 0), events);
      // A due chunk waits for the next slice's transaction when events are waiting for one. It is saved
      // on its own when none are, when this slice was to take it and did not (it committed nothing, or
      // failed), and while saves fail: a failing store then costs one slice a retry, not every slice.
      if (flushedMs === undefined && this.flushDue() && (withChunk || this.flushFailing || this.waitingEvents === 0)) await this.flushChunk();
      // Requests that arrived meanwhile are read and answered before the next slice.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.draining = false;
    if (this.deps.profiles.heldCount > 0 && !this.closed) {
      const wait = Math.max(0, this.lastRoundEnd + this.flush.intervalMs - performance.now());
      this.flushTimer = setTimeout(() => this.startDraining(), wait).unref();
    }
    this.markIdle();
  }

  /**
   * A round is under way, or held states are due: too many, too old, or the writer is closing (once:
   * a store that fails the last flush must not keep a closing writer retrying forever).
   */
  private flushDue(): boolean {
    const held = this.deps.profiles.heldCount;
    if (this.round !== undefined) return true;
    if (held === 0 || this.recoveryError !== undefined) return false;
    if (this.closed) return !this.closingFlushFailed;
    return held >= this.flush.maxHeld || performance.now() - this.lastRoundEnd >= this.flush.intervalMs;
  }

  /** Saves the next chunk of the current round in a transaction of its own (the writer has no events to commit). */
  private async flushChunk(): Promise<void> {
    const chunk = this.nextChunk();
    if (chunk === undefined) return;
    // Only a flush that began after close() gives up the closing flush: one that began before and
    // failed while close() was called (its saves await) leaves the closing writer its own try.
    const closing = this.closed;
    let saved: SavedChunk;
    try {
      saved = await this.deps.transactions.run(() => this.saveChunk(chunk, NOTHING_SAVED));
    } catch (error) {
      this.chunkFailed();
      this.lastRoundEnd = performance.now();
      this.closingFlushFailed = closing;
      this.deps.onFlushError?.(error);
      return;
    }
    this.settleChunk(saved);
  }

  /** A chunk's transaction failed: its states stay held, a later round starts over, and chunks are saved on their own until one succeeds. */
  private chunkFailed(): void {
    this.round = undefined;
    this.flushFailing = true;
  }

  /**
   * The current round's next held states, as many as fit in a slice at the cost saving has had lately;
   * undefined when every one of them was erased or merged away since the round began (nothing to write).
   */
  private nextChunk(): FlushChunk | undefined {
    const { profiles } = this.deps;
    const round = (this.round ??= { ids: profiles.heldIds(), next: 0, through: this.lastSeq });
    // As long as a slice (stretched while the writer is behind). Once `maxHeld` or more are held,
    // as long as the longest stretched slice, so the held states cannot outgrow the flushing.
    const chunkMs = profiles.heldCount >= this.flush.maxHeld ? this.sliceMs * MAX_SLICE_STRETCH : this.currentSliceMs;
    const size = this.closed ? round.ids.length : Math.max(MIN_FLUSH_CHUNK, Math.floor(chunkMs / this.costPerSaveMs));
    const ids: string[] = [];
    while (ids.length < size && round.next < round.ids.length) {
      const id = round.ids[round.next++]!;
      if (profiles.peek(id)) ids.push(id);
    }
    const last = round.next >= round.ids.length;
    return ids.length === 0 && !last ? undefined : { ids, last, through: round.through };
  }

  /**
   * In the caller's transaction: saves the chunk's states that are still held, but for those in `skip`
   * (saved by the caller already), and with the round's last chunk the log position they are complete
   * through. Run last in a slice's transaction, a state the slice changed is saved with the slice's
   * events folded in and its `seq` set, under the same commit.
   */
  private async saveChunk(chunk: FlushChunk, skip: ReadonlySet<string>): Promise<SavedChunk> {
    const { profiles } = this.deps;
    const started = performance.now();
    const saved: ProfileState[] = [];
    for (const id of chunk.ids) {
      const state = skip.has(id) ? undefined : profiles.peek(id);
      if (state) saved.push(state);
    }
    await profiles.save(saved);
    if (chunk.last) await profiles.markSavedThrough(chunk.through);
    return { chunk, saved, savedMs: performance.now() - started };
  }

  /**
   * After the commit that saved a chunk: its states are released, the cost of a save learned (the saves
   * only: the commit is shared with a slice's, or is the same few pages whatever the chunk's size), and
   * the round ends with its last chunk.
   */
  private settleChunk({ chunk, saved, savedMs }: SavedChunk): void {
    this.flushFailing = false;
    this.deps.profiles.released(saved);
    if (saved.length > 0) this.costPerSaveMs += COST_SMOOTHING * (savedMs / saved.length - this.costPerSaveMs);
    if (chunk.last) {
      this.round = undefined;
      this.lastRoundEnd = performance.now();
    }
  }

  /**
   * At start: the events after the position the saved states are complete through are folded again
   * into the states that had not been saved with them (a crash lost only the held copies), and held.
   */
  private async recover(): Promise<number> {
    const { events, profiles } = this.deps;
    const savedThrough = await profiles.savedThrough();
    this.lastSeq = await events.lastSeq();
    let folded = 0;
    for (let after = savedThrough; after < this.lastSeq; ) {
      const page = await events.readAfter(after, RECOVERY_PAGE);
      if (page.length === 0) break;
      const byProfile = new Map<string, StoredEvent[]>();
      for (const event of page) {
        const list = byProfile.get(event.profileId);
        if (list) list.push(event);
        else byProfile.set(event.profileId, [event]);
      }
      const saved = await profiles.loadSaved([...byProfile.keys()].filter((id) => profiles.peek(id) === undefined));
      for (const [profileId, history] of byProfile) {
        // A profile already folded on an earlier page goes on from there.
        const state = profiles.peek(profileId) ?? saved.get(profileId);
        const current = this.foldAgain(profileId, state, state?.seq ?? savedThrough, history);
        if (current) profiles.hold(current, state === undefined);
      }
      folded += page.length;
      after = page[page.length - 1]!.seq;
    }
    this.deps.sessionScorer?.abort();
    return folded;
  }

  /**
   * Folds into a saved state (or a new one) the events after `foldedThrough`, in the order they were
   * appended, as the writer did live, scores included; undefined when there is nothing to fold.
   */
  private foldAgain(profileId: string, saved: ProfileState | undefined, foldedThrough: number, history: readonly StoredEvent[]): ProfileState | undefined {
    const later = history.filter((event) => event.seq > foldedThrough);
    if (later.length === 0) return undefined;
    const state = saved ?? emptyProfileState(profileId, later[0]!.timestamp);
    for (const event of later) {
      const facts = interpretCommerce(event);
      applyEvent(state, event, facts);
      this.deps.sessionScorer?.score(state, event, facts);
      state.seq = event.seq;
    }
    return state;
  }

  /**
   * A batch failed after its states were changed in memory: each is folded again from its saved state
   * and its committed events, and held, so nothing of the failed batch stays in it.
   */
  private async restoreStates(profileIds: Iterable<string>): Promise<void> {
    const { profiles } = this.deps;
    const ids = [...new Set(profileIds)];
    for (const id of ids) this.profileCache.delete(id);
    const savedThrough = await profiles.savedThrough();
    const saved = await profiles.loadSaved(ids);
    for (const id of ids) {
      const state = saved.get(id);
      const history = (await this.fullHistory(id)).sort((a, b) => a.seq - b.seq);
      const folded = this.foldAgain(id, state, state?.seq ?? savedThrough, history);
      if (folded) profiles.hold(folded, state === undefined);
      else profiles.forget(id);
    }
    this.deps.sessionScorer?.abort();
  }

  /**
   * Group commit: while events keep coming (a slice ended less than a gathering time ago), a slice of
   * fewer than MIN_SLICE_EVENTS waits for more, until the oldest waiting event is that old. A
   * transaction's fixed cost (the lookups, the commit's WAL pages) is most of a small one's: single-event
   * requests at a few thousand a second otherwise commit in slices of one or two events, each paying
   * all of it. After a quiet spell the first event goes at once.
   */
  private async gather(): Promise<void> {
    const gatherMs = this.sliceMs / 2;
    const deadline = this.waitingSince + gatherMs;
    if (this.closed || this.waitingEvents >= MIN_SLICE_EVENTS || this.waitingSince - this.lastSliceEnd > gatherMs || performance.now() >= deadline) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wakeGatherer?.(), deadline - performance.now());
      this.wakeGatherer = () => {
        clearTimeout(timer);
        this.wakeGatherer = undefined;
        resolve();
      };
    });
  }

  /** The queue's next events, from the requests at its head, as many as fit in one slice's time. */
  private nextSlice(): SlicePart[] {
    let room = Math.min(this.maxBatchEvents, Math.max(MIN_SLICE_EVENTS, Math.floor(this.currentSliceMs / this.costPerEventMs)));
    const parts: SlicePart[] = [];
    for (const item of this.queue) {
      if (item.kind !== 'events' || room === 0) break;
      const from = item.taken;
      const to = Math.min(item.events.length, from + room);
      parts.push({ request: item, from, to });
      item.taken = to;
      room -= to - from;
      this.waitingEvents -= to - from;
    }
    return parts;
  }

  private adaptSlice(elapsedMs: number, events: number): void {
    this.costPerEventMs += COST_SMOOTHING * (elapsedMs / events - this.costPerEventMs);
    this.currentSliceMs =
      this.behind() ? Math.min(this.currentSliceMs * 2, this.sliceMs * MAX_SLICE_STRETCH) : Math.max(this.currentSliceMs / 2, this.sliceMs);
  }

  /**
   * Whether the oldest request not yet started has waited BEHIND_AFTER_SLICES slices. The request being
   * committed does not count: a 100-event batch takes about eight 2 ms slices, so its own last events
   * always wait that long, and counting them stretched every large request's slices to 8–16 ms, which
   * is what reads beside it waited behind.
   */
  private behind(): boolean {
    const oldest = this.queue.find((item): item is EventsRequest => item.kind === 'events' && item.taken === 0);
    return oldest !== undefined && performance.now() - oldest.submittedAt > this.sliceMs * BEHIND_AFTER_SLICES;
  }

  /** Commits a slice (with the round's next flush chunk when `withChunk`); returns the chunk's save time when one was committed. */
  private async processParts(parts: SlicePart[], withChunk: boolean): Promise<number | undefined> {
    if (this.recoveryError !== undefined) throw this.recoveryError;
    const { duplicate, flushedMs } = await this.processBatch(
      parts.flatMap((part) => part.request.events.slice(part.from, part.to)),
      withChunk,
    );
    let offset = 0;
    for (const { request, from, to } of parts) {
      for (let i = 0; i < to - from; i++) {
        if (duplicate[offset + i]) request.duplicates++;
        else request.stored++;
      }
      offset += to - from;
      if (request.stored + request.duplicates === request.events.length) {
        this.remove(request);
        request.resolve({ stored: request.stored, duplicates: request.duplicates });
      }
    }
    return flushedMs;
  }

  private fail(request: EventsRequest, error: unknown): void {
    this.waitingEvents -= request.events.length - request.taken;
    request.taken = request.events.length;
    this.remove(request);
    request.reject(error);
  }

  private remove(request: EventsRequest): void {
    const index = this.queue.indexOf(request);
    if (index >= 0) this.queue.splice(index, 1);
  }

  /** Returns, per event, whether it was a duplicate; with `withChunk`, the round's next flush chunk is saved in the batch's transaction. */
  private async processBatch(batch: KairosEvent[], withChunk: boolean): Promise<SliceOutcome> {
    const { events, identities, profiles, resolver, transactions } = this.deps;
    const duplicate = await this.findDuplicates(batch);
    const fresh = batch.filter((_, i) => !duplicate[i]);
    if (fresh.length === 0) return { duplicate };

    this.deps.sessionScorer?.abort(); // nothing of an earlier batch that failed before its transaction
    const resolution = await resolver.resolveBatch(fresh);
    const { changes } = resolution;
    const states = await this.loadStates(resolution.profileIds, changes.createdProfiles, fresh);
    const survivors = new Set(changes.mergedInto.values());
    for (const survivor of survivors) {
      const merged = [...changes.mergedInto].filter(([, into]) => into === survivor).map(([from]) => from);
      states.set(survivor, await this.rebuildState(survivor, merged));
    }

    const stored: StoredEvent[] = [];
    const activities: ProductActivity[] = [];
    const chunk = withChunk ? this.nextChunk() : undefined;
    let flushed: SavedChunk | undefined;
    try {
      for (let i = 0; i < fresh.length; i++) {
        const event = fresh[i]!;
        const profileId = resolution.profileIds[i]!;
        const facts = interpretCommerce(event);
        const state = states.get(profileId)!;
        const sessionId = applyEvent(state, event, facts);
        this.deps.sessionScorer?.score(state, event, facts);
        // The normalised event is ours (built by normalizeMessage), so it becomes the stored event in place.
        const storedEvent = event as StoredEvent;
        storedEvent.seq = 0;
        storedEvent.profileId = profileId;
        storedEvent.sessionId = sessionId;
        stored.push(storedEvent);
        collectActivity(facts, event.timestamp, activities);
      }
      await transactions.run(async () => {
        await events.append(stored);
        for (const event of stored) states.get(event.profileId)!.seq = event.seq;
        await identities.save(changes.records);
        for (const [from, to] of changes.mergedInto) {
          await identities.reassign(from, to);
          await events.reassignProfile(from, to);
        }
        await profiles.delete([...changes.mergedInto.keys()]);
        await identities.recordMerges(changes.merges);
        await identities.recordRefusals(changes.refusals);
        // A survivor's history now includes the merged profile's, which folding only later events onto
        // an older saved state would miss: it is saved with the merge, not held.
        if (survivors.size > 0) await profiles.save([...survivors].map((id) => states.get(id)!));
        await this.deps.productActivity.recordActivity(activities);
        await this.deps.derivedCounts?.(stored);
        // Last, once the merged-away profiles are forgotten and every seq is set.
        if (chunk) flushed = await this.saveChunk(chunk, survivors);
      });
    } catch (error) {
      // Whichever sank the transaction, the next chunk is saved on its own, where a failing save shows as one.
      if (chunk) this.chunkFailed();
      resolver.settleBatch(false);
      this.deps.sessionScorer?.abort();
      await this.restoreStates([...states.keys(), ...changes.mergedInto.keys()]);
      throw error;
    }
    resolver.settleBatch(true);
    this.deps.sessionScorer?.commit();
    this.lastSeq = stored[stored.length - 1]!.seq;
    for (const merged of changes.mergedInto.keys()) this.profileCache.delete(merged);
    for (const [profileId, state] of states) {
      this.profileCache.set(profileId, state);
      if (survivors.has(profileId)) profiles.released([state]);
      else profiles.hold(state, changes.createdProfiles.has(profileId));
    }
    // After the holds: a state of this slice that the chunk saved is current in the store, not held.
    if (flushed) this.settleChunk(flushed);
    await this.deps.bus.publish({ events: stored, profiles: states, mergedInto: changes.mergedInto });
    return flushed ? { duplicate, flushedMs: flushed.savedMs } : { duplicate };
  }

  private async findDuplicates(batch: KairosEvent[]): Promise<boolean[]> {
    const known = await this.deps.events.knownMessageIds(batch.map((event) => event.messageId));
    const seen = new Set<string>();
    return batch.map((event) => {
      const isDuplicate = known.has(event.messageId) || seen.has(event.messageId);
      seen.add(event.messageId);
      return isDuplicate;
    });
  }

  private async loadStates(profileIds: string[], created: Set<string>, fresh: KairosEvent[]): Promise<Map<string, ProfileState>> {
    const states = new Map<string, ProfileState>();
    const missing: string[] = [];
    for (let i = 0; i < profileIds.length; i++) {
      const id = profileIds[i]!;
      if (states.has(id)) continue;
      const cached = this.profileCache.get(id) ?? this.deps.profiles.peek(id);
      if (cached) states.set(id, cached);
      else if (created.has(id)) states.set(id, emptyProfileState(id, fresh[i]!.timestamp));
      else missing.push(id);
    }
    if (missing.length > 0) {
      const loaded = await this.deps.profiles.load(missing);
      for (let i = 0; i < profileIds.length; i++) {
        const id = profileIds[i]!;
        if (!states.has(id)) states.set(id, loaded.get(id) ?? emptyProfileState(id, fresh[i]!.timestamp));
      }
    }
    return states;
  }

  /** A merge: the surviving profile's features are recomputed from the joint history, in time order. */
  private async rebuildState(survivor: string, merged: string[]): Promise<ProfileState> {
    const members = [survivor, ...merged];
    const previous = await this.deps.profiles.load(members.filter((id) => !this.profileCache.get(id)));
    let createdAt = Number.POSITIVE_INFINITY;
    for (const id of members) {
      const state = this.profileCache.get(id) ?? previous.get(id);
      if (state) createdAt = Math.min(createdAt, state.createdAt);
    }
    const history: StoredEvent[] = [];
    for (const id of members) history.push(...(await this.fullHistory(id)));
    history.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
    const state = emptyProfileState(survivor, Number.isFinite(createdAt) ? createdAt : (history[0]?.timestamp ?? Date.now()));
    for (const event of history) {
      applyEvent(state, event);
      state.seq = Math.max(state.seq ?? 0, event.seq);
    }
    return state;
  }

  private async fullHistory(profileId: string): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (;;) {
      const last = all[all.length - 1];
      const page = await this.deps.events.history(profileId, last ? { after: last, limit: HISTORY_PAGE } : { limit: HISTORY_PAGE });
      all.push(...page);
      if (page.length < HISTORY_PAGE) return all;
    }
  }
}

const NOTHING_SAVED: ReadonlySet<string> = new Set();

function sliceEvents(parts: readonly SlicePart[]): number {
  return parts.reduce((sum, part) => sum + part.to - part.from, 0);
}

function collectActivity(facts: CommerceFacts, at: number, into: ProductActivity[]): void {
  const kind = activityKindOf(facts.kind);
  if (kind === undefined) return;
  for (const product of facts.products) into.push({ productId: product.productId, kind, quantity: kind === 'view' ? 1 : product.quantity, at });
}
