import { LRUCache } from 'lru-cache';
import type { CatalogStore } from '../catalog/catalog-store.js';
import { normaliseCategoryPath } from '../catalog/product-input.js';
import { interpretCommerce } from '../ingestion/ecommerce-spec.js';
import type { IngestedBatch } from '../ingestion/event-bus.js';
import type { StoredEvent } from '../ingestion/kairos-event.js';
import { AFFINITY_WEIGHTS } from '../profiles/feature-constants.js';
import { SerialQueue } from '../triggers/serial-queue.js';
import type { LearnedChoice, SearchVocabulary } from './search-vocabulary.js';
import { queryKeys } from './search-text.js';

/** A search is followed for this long after it, or CHOICE_WINDOW_EVENTS product events, whichever ends first. */
export const CHOICE_WINDOW_MS = 30 * 60 * 1000;
/** Past this many product events the shopper has moved on from what they searched for. */
export const CHOICE_WINDOW_EVENTS = 10;
/** A key no one chose anything after for a year is forgotten: its weight is below 1/4000 of one click. */
export const VOCABULARY_HORIZON_MS = 365 * 24 * 60 * 60 * 1000;
/** Sessions whose latest search is followed at once; the least recently searching are let go first. */
const MAX_FOLLOWED_SESSIONS = 100_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

interface FollowedSearch {
  keys: string[];
  at: number;
  productEventsLeft: number;
  /** `kind:productId` already credited to this search: a shopper reloading a page is one choice. */
  credited: Set<string>;
}

interface ObservedChoice {
  keys: string[];
  productId: string;
  category?: string;
  brand?: string;
  weight: number;
  at: number;
}

/**
 * Learns the search vocabulary from the bus. For each session it remembers the latest search; a
 * product viewed, clicked, wishlisted, added to the cart or bought in that session within the window
 * is a choice credited to the query's keys, weighted like affinities (a purchase 5, a click 1). On the
 * ingestion path it only scans the batch's events; the catalog read and the write are queued, and
 * choices arriving meanwhile join the next write. Time is the events' time, so a replay of last year's
 * history learns what live traffic would have.
 */
export class VocabularyLearner {
  private readonly searches = new LRUCache<string, FollowedSearch>({ max: MAX_FOLLOWED_SESSIONS });
  private readonly work = new SerialQueue((error) => this.deps.onError(error));
  private pending: ObservedChoice[] = [];
  private flushQueued = false;
  private latestEventAt = Number.NEGATIVE_INFINITY;
  private lastPrunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: {
      vocabulary: Pick<SearchVocabulary, 'learn' | 'pruneBefore'>;
      catalog: Pick<CatalogStore, 'getProducts'>;
      onError: (error: unknown) => void;
    },
  ) {}

  readonly onBatch = (batch: IngestedBatch): void => {
    for (const event of batch.events) this.observe(event);
    if (this.pending.length > 0 && !this.flushQueued) {
      this.flushQueued = true;
      this.work.push(() => this.flush());
    }
    if (this.latestEventAt - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = this.latestEventAt;
      const bound = this.latestEventAt - VOCABULARY_HORIZON_MS;
      this.work.push(async () => void (await this.deps.vocabulary.pruneBefore(bound)));
    }
  };

  /** Resolves once everything observed so far is learned (tests, shutdown). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private observe(event: StoredEvent): void {
    if (event.type !== 'track') return;
    const facts = interpretCommerce(event);
    if (facts.kind === 'other') return;
    this.latestEventAt = Math.max(this.latestEventAt, event.timestamp);
    if (facts.kind === 'search') {
      const keys = facts.query === undefined ? [] : queryKeys(facts.query).keys;
      if (keys.length > 0) this.searches.set(event.sessionId, { keys, at: event.timestamp, productEventsLeft: CHOICE_WINDOW_EVENTS, credited: new Set() });
      return;
    }
    const weight = AFFINITY_WEIGHTS[facts.kind as keyof typeof AFFINITY_WEIGHTS];
    if (weight === undefined || facts.products.length === 0) return;
    const search = this.searches.get(event.sessionId);
    if (search === undefined) return;
    if (event.timestamp < search.at) return;
    if (event.timestamp - search.at > CHOICE_WINDOW_MS) {
      this.searches.delete(event.sessionId);
      return;
    }
    for (const product of facts.products) {
      const creditKey = `${facts.kind}:${product.productId}`;
      if (search.credited.has(creditKey)) continue;
      search.credited.add(creditKey);
      this.pending.push({ keys: search.keys, productId: product.productId, ...pick(product), weight, at: event.timestamp });
    }
    if (--search.productEventsLeft === 0) this.searches.delete(event.sessionId);
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const observed = this.pending;
    this.pending = [];
    const products = await this.deps.catalog.getProducts([...new Set(observed.map((choice) => choice.productId))]);
    const choices = observed.map((choice): LearnedChoice => {
      const product = products.get(choice.productId);
      // The catalog's path when it has one: it is what re-ranking matches, and it has every level.
      const categoryPath = product !== undefined && product.categoryPath.length > 0 ? product.categoryPath : normaliseCategoryPath(choice.category);
      const brand = product?.brand ?? choice.brand;
      return { keys: choice.keys, productId: choice.productId, categoryPath, ...(brand !== undefined ? { brand } : {}), weight: choice.weight, at: choice.at };
    });
    await this.deps.vocabulary.learn(choices);
  }
}

function pick(product: { category?: string; brand?: string }): { category?: string; brand?: string } {
  return { ...(product.category !== undefined ? { category: product.category } : {}), ...(product.brand !== undefined ? { brand: product.brand } : {}) };
}
